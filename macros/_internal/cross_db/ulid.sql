{#- Adapter shims: The digits of a ULID "messageId": hex to integer, Crockford base32.
    Each helper dispatches on the adapter; the variants sit side by side, each
    saying why it differs. A default__ is SQL every supported adapter could run,
    or raises "not supported" (README, Dispatch). -#}

{#- A ULID: 26 characters of Crockford base32, a 48-bit time in milliseconds
    then 80 bits, made deterministically so that the same inputs give the same
    ULID on every adapter and every run: the time from a timestamp (whole
    seconds; 0 when null or before 1970), the 80 bits from the first 20 hex
    digits of an md5. Customer.io's Track API drops an event whose ULID `id`
    it has already seen; whether reverse ETL passes messageId on as that id
    is unconfirmed (docs/sync.md). Two steps, so the compiled SQL stays
    readable: _cio_ulid_columns adds the parts to a CTE, _cio_ulid() joins
    them into the 26 characters. -#}
{% macro _cio_ulid_columns(timestamp, md5) -%}
greatest(coalesce({{ nexus_customer_io._cio_epoch_seconds(timestamp) }}, 0), 0) * 1000 as _cio_ulid_time,
        {{ nexus_customer_io._cio_hex_to_int('substr(' ~ md5 ~ ', 1, 10)') }} as _cio_ulid_high,
        {{ nexus_customer_io._cio_hex_to_int('substr(' ~ md5 ~ ', 11, 10)') }} as _cio_ulid_low,
        {{ nexus_customer_io._cio_crockford() }} as _cio_crockford
{%- endmacro %}

{#- The 26 digits: 10 of the time, 8 of each 40-bit half of the 80 bits,
    in one concat() (on DuckDB at L, 15 % less for the whole events build
    than a chain of ||, which makes a string per step: benchmarks/profile.py).
    No part is ever null, so concat's null rule, which differs between
    warehouses, never applies. -#}
{% macro _cio_ulid() %}
    {%- set digits = [] -%}
    {%- for column, count in [('_cio_ulid_time', 10), ('_cio_ulid_high', 8), ('_cio_ulid_low', 8)] -%}
        {%- do digits.extend(adapter.dispatch('cio_crockford_digits', 'nexus_customer_io')(column, count)) -%}
    {%- endfor -%}
    {{ return("concat(\n        " ~ digits | join(",\n        ") ~ "\n    )") }}
{% endmacro %}

{#- Crockford's base32 alphabet, a constant column of the CTE. -#}
{% macro _cio_crockford() %}
    {{ return(adapter.dispatch('cio_crockford', 'nexus_customer_io')()) }}
{% endmacro %}

{% macro default__cio_crockford() %}{{ return("'0123456789ABCDEFGHJKMNPQRSTVWXYZ'") }}{% endmacro %}

{#- DuckDB: the 1,024 pairs of digits, a literal list, 16 pairs a line (a
    list built by a subquery is not a constant, and costs more than it saves). -#}
{% macro duckdb__cio_crockford() -%}
{%- set alphabet = '0123456789ABCDEFGHJKMNPQRSTVWXYZ' | list -%}
{%- set pairs = [] -%}
{%- for first in alphabet -%}{%- for second in alphabet -%}{%- do pairs.append("'" ~ first ~ second ~ "'") -%}{%- endfor -%}{%- endfor -%}
[
        {%- for line in pairs | batch(16) %}
            {{ line | join(', ') }}{{ ',' if not loop.last }}
        {%- endfor %}
        ]
{%- endmacro %}

{#- The `count` digits of an integer column, most significant first, one per
    5 bits. Integer arithmetic only: (x - x mod 2^shift) / 2^shift is exact on
    every adapter, where FLOOR(x / 2^shift) could round up on a decimal
    division (BigQuery's / gives FLOAT64, exact here: the values stay below
    2^53). -#}
{% macro default__cio_crockford_digits(value, count) %}
    {%- set digits = [] -%}
    {%- for position in range(count - 1, -1, -1) -%}
        {%- set shift = 5 * position -%}
        {%- set part = value if shift == 0 else 'cast((' ~ value ~ ' - mod(' ~ value ~ ', ' ~ 2 ** shift ~ ')) / ' ~ 2 ** shift ~ ' as bigint)' -%}
        {%- do digits.append('substr(_cio_crockford, cast(mod(' ~ part ~ ', 32) as integer) + 1, 1)') -%}
    {%- endfor -%}
    {{ return(digits) }}
{% endmacro %}

{#- DuckDB: two digits per look-up, per 10 bits, in the list of pairs: over
    ten million rows about a third of the cost of one look-up per digit in a
    list of the 32, and a fifth of SUBSTR per digit (benchmarks/ulid_digits.py). -#}
{% macro duckdb__cio_crockford_digits(value, count) %}
    {%- set digits = [] -%}
    {%- for position in range(count // 2 - 1, -1, -1) -%}
        {%- do digits.append('_cio_crockford[((' ~ value ~ ' >> ' ~ 10 * position ~ ') & 1023) + 1]') -%}
    {%- endfor -%}
    {{ return(digits) }}
{% endmacro %}

{#- Lower-case hex digits (up to 15) as an integer. -#}
{% macro _cio_hex_to_int(expr, digits=10) %}
    {{ return(adapter.dispatch('cio_hex_to_int', 'nexus_customer_io')(expr, digits)) }}
{% endmacro %}

{#- Snowflake and the default, digit by digit: TO_NUMBER(x, 'XXXXXXXXXX') is
    Snowflake's own form, but the fakesnow emulator does not run it (emulator-shaped). -#}
{% macro default__cio_hex_to_int(expr, digits) -%}
(
    {%- for i in range(digits) %}
            (position(substr({{ expr }}, {{ i + 1 }}, 1) in '0123456789abcdef') - 1) * {{ 16 ** (digits - 1 - i) }}{{ ' +' if not loop.last }}
    {%- endfor %}
        )
{%- endmacro %}

{% macro duckdb__cio_hex_to_int(expr, digits) -%}
    cast('0x' || {{ expr }} as bigint)
{%- endmacro %}

{% macro postgres__cio_hex_to_int(expr, digits) -%}
    cast(cast('x' || lpad({{ expr }}, 16, '0') as bit(64)) as bigint)
{%- endmacro %}

{#- BigQuery: a '0x...' string casts to INT64; POSITION ... IN is not one of
    its functions. -#}
{% macro bigquery__cio_hex_to_int(expr, digits) -%}
    cast(concat('0x', {{ expr }}) as int64)
{%- endmacro %}
