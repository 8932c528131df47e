{#- The timestamp rule: every timestamp the package emits is UTC without a
    time zone. Zone-aware values are converted, never truncated. -#}

{#- A column as a UTC timestamp, by its kind (see _cio_type_kind). Text is
    parsed only when asked (parse_text), since nexus stores every trait as text. -#}
{% macro _cio_column_utc(column, parse_text=false) %}
    {%- if column.kind in ['tz', 'ntz', 'date'] -%}
        {{ return(nexus_customer_io._cio_to_utc(column.quoted, column.kind)) }}
    {%- elif parse_text -%}
        {{ return(nexus_customer_io._cio_parse_timestamp(column.quoted)) }}
    {%- endif -%}
    {{ return(column.quoted) }}
{% endmacro %}


{#- How trait, property and attribute timestamps are sent, one argument
    (trait_timestamp_format) for the four sync macros:
      'unix'      integer seconds, the default: Customer.io's segment date
                  conditions and its reserved `created_at` read only these;
      'timestamp' the warehouse timestamp, UTC without a zone (not inside
                  relationshipAttributes: JSON has no timestamp type);
      'iso8601'   text such as 2024-01-15T10:30:00Z.
    The call-level "timestamp" column is never changed by it. -#}
{% macro _cio_check_timestamp_format(macro_name, format, in_json=false) %}
    {%- set choices = ['unix', 'iso8601'] if in_json else ['unix', 'timestamp', 'iso8601'] -%}
    {%- do nexus_customer_io._cio_check_choice(macro_name, 'trait_timestamp_format', format, choices,
        hint="relationshipAttributes is JSON, which has no timestamp type." if in_json and format == 'timestamp' else '') -%}
{% endmacro %}

{#- A trait is sent as a timestamp when its column is typed as one (or a
    date), or is text named to be parsed; identifier traits never are. -#}
{% macro _cio_is_timestamp_trait(trait) %}
    {{ return(not trait.identifier and (trait.column.kind in ['tz', 'ntz', 'date'] or trait.parse_text)) }}
{% endmacro %}

{#- A trait or property as it is sent: `unsubscribed` as a boolean,
    identifier traits trimmed (blank as null), timestamps by the UTC rule in
    the chosen format, anything else as it is. -#}
{% macro _cio_trait_expression(trait, format) %}
    {%- if trait.boolean -%}
        {{ return(nexus_customer_io._cio_parse_boolean(trait.column.quoted)) }}
    {%- endif -%}
    {%- if trait.identifier -%}
        {{ return(nexus_customer_io._cio_clean_id(trait.column.quoted)) }}
    {%- endif -%}
    {%- if nexus_customer_io._cio_is_timestamp_trait(trait) -%}
        {{ return(nexus_customer_io._cio_format_timestamp(nexus_customer_io._cio_column_utc(trait.column, trait.parse_text), format)) }}
    {%- endif -%}
    {{ return(trait.column.quoted) }}
{% endmacro %}

{#- The output name -> format of every timestamp trait ('boolean' for the
    unsubscribed trait), for the type check of a change-tracked table (see
    _cio_finalize). -#}
{% macro _cio_trait_formats(traits, format) %}
    {%- set formats = {} -%}
    {%- for trait in traits if nexus_customer_io._cio_is_timestamp_trait(trait) -%}
        {%- do formats.update({trait.name: format}) -%}
    {%- endfor -%}
    {%- for trait in traits if trait.boolean -%}
        {%- do formats.update({trait.name: 'boolean'}) -%}
    {%- endfor -%}
    {{ return(formats) }}
{% endmacro %}


{% macro _cio_iso_regex(with_zone) %}
    {%- set date = "[0-9]{4}-[0-9]{2}-[0-9]{2}" -%}
    {%- set time = "[ T][0-9]{2}:[0-9]{2}(:[0-9]{2}([.][0-9]{1,9})?)?" -%}
    {%- if with_zone -%}
        {{ return("^" ~ date ~ time ~ " ?(Z|z|[+-][0-9]{2}(:?[0-9]{2})?)$") }}
    {%- endif -%}
    {{ return("^" ~ date ~ "(" ~ time ~ ")?$") }}
{% endmacro %}


{#- A UTC timestamp in the trait format the user chose (see
    _cio_check_timestamp_format). -#}
{% macro _cio_format_timestamp(expr, format) %}
    {%- if format == 'unix' -%}
        {{ return(nexus_customer_io._cio_epoch_seconds(expr)) }}
    {%- elif format == 'iso8601' -%}
        {{ return(nexus_customer_io._cio_iso8601(expr)) }}
    {%- endif -%}
    {{ return(expr) }}
{% endmacro %}


{#- A boolean from a boolean, number or text column: true, 1, yes, y, t and
    false, 0, no, n, f in any case, trimmed; anything else null. -#}
{% macro _cio_parse_boolean(expr) -%}
    {%- set text = "lower(trim(cast(" ~ expr ~ " as " ~ dbt.type_string() ~ ")))" -%}
    case
            when {{ text }} in ('true', '1', 'yes', 'y', 't') then true
            when {{ text }} in ('false', '0', 'no', 'n', 'f') then false
        end
{%- endmacro %}
