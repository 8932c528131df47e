{#- Values that match nothing. A filter value absent from the input (a typo,
    a different case), an identifier column empty for every row, or a column
    named a timestamp that holds no timestamps would otherwise build an empty
    or wrong table without a word. One query per model checks them all, on
    `dbt run` / `dbt build` only (never at parse or compile), and reads the
    inputs without the user's `filters`, so a filter cannot hide a typo.

    `checks` is a list of dicts, each with `arg` (the argument), `from` (a
    relation, or SQL in parentheses with an alias), `where` (SQL or none) and
    `what` (the rows in words, for the message), and a `kind`:
      'values'   - `expr` must take each of `values`; a value no row has is a
                   dbt warning listing the values there (and those equal
                   but for case);
      'not_null' - `expr` must be set on some row in scope; if it is null on
                   every row, a dbt warning saying `consequence`;
      'parses'   - `expr` is text, `parsed` its parse: values that do not
                   parse are a dbt warning with the count and two examples,
                   and an error if no value parses (`name` is the trait;
                   `form` and `fix` word it, for a timestamp by default). -#}
{% macro _cio_check_inputs(macro_name, checks) %}
    {%- if not nexus_customer_io._cio_reports_left_out() or not checks -%}
        {{ return(none) }}
    {%- endif -%}
    {%- set text = dbt.type_string() -%}
    {%- set number = dbt.type_bigint() -%}
    {%- set parts = [] -%}
    {%- for check in checks -%}
        {%- set where = ('where ' ~ check.where) if check.where else '' -%}
        {%- if check.kind == 'values' -%}
            {%- set listed = nexus_customer_io._cio_literal_list(check['values']) -%}
            {%- set listed_lower = nexus_customer_io._cio_literal_list(check['values'] | map('lower') | list) -%}
            {%- set part %}
select {{ loop.index }} as _cio_check, _cio_value, _cio_rows as _cio_n1, cast(null as {{ number }}) as _cio_n2, cast(null as {{ text }}) as _cio_value2
from (
    select
        _cio_value,
        count(*) as _cio_rows,
        row_number() over (order by
            case when _cio_value in ({{ listed }}) then 0
                 when lower(_cio_value) in ({{ listed_lower }}) then 1
                 else 2 end,
            count(*) desc, _cio_value) as _cio_rank
    from (
        select cast({{ check.expr }} as {{ text }}) as _cio_value
        from {{ check['from'] }}
        {{ where }}
    ) as _cio_in
    where _cio_value is not null
    group by _cio_value
) as _cio_check_{{ loop.index }}
where _cio_rank <= {{ check['values'] | length * 2 + 10 }}
            {%- endset -%}
        {%- elif check.kind == 'not_null' -%}
            {%- set part %}
select {{ loop.index }} as _cio_check, cast(null as {{ text }}) as _cio_value, count(*) as _cio_n1, count({{ check.expr }}) as _cio_n2, cast(null as {{ text }}) as _cio_value2
from {{ check['from'] }}
{{ where }}
            {%- endset -%}
        {%- else -%}
            {%- set failed = '(' ~ check.expr ~ ') is not null and (' ~ check.parsed ~ ') is null' -%}
            {%- set part %}
select
    {{ loop.index }} as _cio_check,
    min(case when {{ failed }} then cast({{ check.expr }} as {{ text }}) end) as _cio_value,
    count({{ check.expr }}) as _cio_n1,
    sum(case when {{ failed }} then 1 else 0 end) as _cio_n2,
    max(case when {{ failed }} then cast({{ check.expr }} as {{ text }}) end) as _cio_value2
from {{ check['from'] }}
{{ where }}
            {%- endset -%}
        {%- endif -%}
        {%- do parts.append(part) -%}
    {%- endfor -%}
    {%- set rows = run_query(parts | join('\nunion all\n')).rows -%}
    {%- for check in checks -%}
        {%- set index = loop.index -%}
        {#- by position: Snowflake reports the names upper-case -#}
        {%- set mine = rows | selectattr(0, 'equalto', index) | list -%}
        {%- set prefix = "argument `" ~ check.arg ~ "`: " -%}
        {%- if check.kind == 'values' -%}
            {%- set present = mine | map(attribute=1) | list -%}
            {%- for value in check['values'] if value not in present -%}
                {%- set same = [] -%}
                {%- for other in present if (other | lower) == (value | lower) -%}
                    {%- do same.append(other) -%}
                {%- endfor -%}
                {%- set message = prefix ~ "`" ~ value ~ "` matches no row: the values in " ~ check.what ~ " are "
                    ~ (("only `" ~ present[:10] | join('`, `') ~ "`") if present else "none at all")
                    ~ (" and more" if present | length > 10 else "")
                    ~ "." ~ (" `" ~ same | join('`, `') ~ "` differs only in case." if same else "")
                    ~ " Fix: use a value that is there, or remove it from `" ~ check.arg ~ "`." -%}
                {%- do nexus_customer_io._cio_warn(macro_name, message) -%}
            {%- endfor -%}
        {%- elif check.kind == 'not_null' -%}
            {%- set row = mine | first -%}
            {%- if row and (row[2] or 0) | int > 0 and (row[3] or 0) | int == 0 -%}
                {%- do nexus_customer_io._cio_warn(macro_name,
                    prefix ~ "column `" ~ check.column ~ "` is null or blank on all "
                    ~ row[2] | int ~ " " ~ check.what ~ ", so " ~ check.consequence ~ ".") -%}
            {%- endif -%}
        {%- else -%}
            {%- set row = mine | first -%}
            {%- set total = (row[2] or 0) | int if row else 0 -%}
            {%- set failed = (row[3] or 0) | int if row else 0 -%}
            {%- set examples = ("`" ~ row[1] ~ "`" ~ (", `" ~ row[4] ~ "`" if row[4] != row[1] else ""))
                if failed else "" -%}
            {%- set form = check.get('form', {'kind': 'a timestamp', 'one': 'an ISO-8601 date or time',
                                                'many': 'ISO-8601 dates or times'}) -%}
            {%- set fix = check.get('fix', "remove `" ~ check.column ~ "` from `" ~ check.arg ~ "`") -%}
            {%- if failed > 0 and failed == total -%}
                {{ nexus_customer_io._cio_raise(macro_name, prefix ~ "column `" ~ check.column ~ "` is not "
                    ~ form.kind ~ ": none of its " ~ total ~ " values in " ~ check.what ~ " is " ~ form.one
                    ~ " (e.g. " ~ examples ~ "), so `" ~ check.name
                    ~ "` would be sent as null for everyone, deleting the attribute in Customer.io. Fix: " ~ fix
                    ~ ".") }}
            {%- elif failed > 0 -%}
                {%- do nexus_customer_io._cio_warn(macro_name, prefix ~ failed ~ " of " ~ total
                    ~ " values of column `" ~ check.column
                    ~ "` in " ~ check.what ~ " are not " ~ form.many ~ " (e.g. " ~ examples ~ "); `" ~ check.name
                    ~ "` is sent as null for those rows. Fix: correct the values, or " ~ fix ~ ".") -%}
            {%- endif -%}
        {%- endif -%}
    {%- endfor -%}
{% endmacro %}


{#- The 'not_null' check of an identifier column: set on some entity of
    `entity_type`, cleaned as identifiers are (blank counts as null). -#}
{#- The check that `column` of `relation` takes each of `values` (argument
    `arg_name`). `source` replaces the relation in the query (SQL in
    parentheses with an alias), `described` the words for it. -#}
{% macro _cio_values_check(arg_name, values, relation, column, source=none, described=none) %}
    {{ return({'kind': 'values', 'arg': arg_name, 'from': source or relation, 'where': none, 'expr': column.quoted,
        'values': values, 'what': described or 'column `' ~ column.display ~ '` of ' ~ relation.identifier}) }}
{% endmacro %}

{% macro _cio_id_check(arg_name, entities, type_col, entity_type, column, consequence) %}
    {{ return({'kind': 'not_null', 'arg': arg_name, 'from': entities,
        'where': type_col.quoted ~ ' = ' ~ nexus_customer_io._cio_string_literal(entity_type),
        'expr': nexus_customer_io._cio_clean_id(column.quoted), 'column': column.display,
        'what': "entities of entity_type '" ~ entity_type ~ "'", 'consequence': consequence}) }}
{% endmacro %}
