{#- The one way the package discovers columns.

    _cio_relation_columns(relation, macro_name, arg_name) returns a dict:
      exists:  false when there is nothing to introspect (parse time, or a
               missing relation under compile / docs generate);
      columns: a list of column dicts, in the relation's order:
               name (as the warehouse reports it), lname (lower-cased),
               display (the name in messages and default output name),
               quoted (ready to select), dtype (upper-cased), kind
               ('tz', 'ntz', 'date', 'text' or 'other').
    A missing relation is an error under commands that execute SQL. -#}

{% macro _cio_relation_columns(relation, macro_name, arg_name) %}
    {%- if not execute -%}
        {{ return({'exists': false, 'columns': []}) }}
    {%- endif -%}
    {%- if relation is string or relation.identifier is not defined -%}
        {%- set msg_text -%}
            argument `{{ arg_name }}` must be a relation such as ref('nexus_entities') or
            source('nexus', 'nexus_entities'), got `{{ relation }}`.
        {%- endset -%}
        {{ nexus_customer_io._cio_raise(macro_name, msg_text) }}
    {%- endif -%}
    {%- set found = adapter.get_relation(database=relation.database, schema=relation.schema, identifier=relation.identifier) -%}
    {%- if found is none -%}
        {%- set message = "the relation " ~ relation ~ " given by `" ~ arg_name ~ "` does not exist. Build it first (for example `dbt build --select +" ~ relation.identifier ~ "`), or point `" ~ arg_name ~ "` at an existing relation." -%}
        {%- if flags.WHICH in ['compile', 'generate', 'docs', 'parse', 'list', 'ls'] -%}
            {{ nexus_customer_io._cio_warn(macro_name, message ~ " Rendering placeholder SQL with no rows.") }}
            {{ return({'exists': false, 'columns': []}) }}
        {%- endif -%}
        {{ nexus_customer_io._cio_raise(macro_name, message) }}
    {%- endif -%}
    {%- set columns = [] -%}
    {%- for col in adapter.get_columns_in_relation(found) -%}
        {%- do columns.append({
            'name': col.name,
            'lname': col.name | lower,
            'display': nexus_customer_io._cio_output_name(col.name),
            'quoted': adapter.quote(col.name),
            'dtype': col.dtype | upper,
            'kind': nexus_customer_io._cio_type_kind(col.dtype)
        }) -%}
    {%- endfor -%}
    {{ return({'exists': true, 'columns': columns}) }}
{% endmacro %}


{#- Classify a warehouse type name. The names differ per adapter but do not
    overlap, so one function serves all of them:
    Snowflake TIMESTAMP_TZ / TIMESTAMP_LTZ / TIMESTAMP_NTZ, DuckDB TIMESTAMP WITH
    TIME ZONE / TIMESTAMP / TIMESTAMP_NS, Postgres timestamp with(out) time zone. -#}
{% macro _cio_type_kind(dtype) %}
    {%- set t = (dtype or '') | upper | trim -%}
    {%- if t.startswith('TIMESTAMP_TZ') or t.startswith('TIMESTAMP_LTZ') or t.startswith('TIMESTAMPTZ')
          or ('WITH TIME ZONE' in t and 'WITHOUT' not in t) -%}
        {{ return('tz') }}
    {%- elif t.startswith('TIMESTAMP') or t.startswith('DATETIME') -%}
        {{ return('ntz') }}
    {%- elif t == 'DATE' -%}
        {{ return('date') }}
    {%- elif t.startswith('VARCHAR') or t.startswith('TEXT') or t.startswith('STRING')
          or t.startswith('CHAR') or t.startswith('NVARCHAR') -%}
        {{ return('text') }}
    {%- endif -%}
    {{ return('other') }}
{% endmacro %}


{#- Look a column up by name, case-insensitively; raise naming the argument
    and listing the columns the relation has when it is not there. -#}
{% macro _cio_find_column(columns, name, macro_name, arg_name, relation) %}
    {%- set col = nexus_customer_io._cio_column_named(columns, name) -%}
    {%- if col is not none -%}
        {{ return(col) }}
    {%- endif -%}
    {%- set msg_text -%}
        argument `{{ arg_name }}` names column `{{ name }}`, which {{ relation }} does not have. Its
        columns are: {{ columns | map(attribute='display') | join(', ') }}. Fix: use one of these
        names, or remove it from `{{ arg_name }}`.
    {%- endset -%}
    {{ nexus_customer_io._cio_raise(macro_name, msg_text) }}
{% endmacro %}


{#- The column of `columns` (from _cio_relation_columns) named `name`, in any
    case, or none: for a column that may be missing. -#}
{% macro _cio_column_named(columns, name) %}
    {%- for col in columns if col.lname == (name | lower) -%}
        {{ return(col) }}
    {%- endfor -%}
    {{ return(none) }}
{% endmacro %}


{#- Output names: a name the warehouse reports all upper- or all lower-case is
    lower-cased; a mixed-case (quoted) name keeps its case. -#}
{% macro _cio_output_name(name) %}
    {%- if name == name | upper or name == name | lower -%}
        {{ return(name | lower) }}
    {%- endif -%}
    {{ return(name) }}
{% endmacro %}


{#- An identifier (userId, anonymousId, a dedupe value, an object id) must be
    text or a number: a timestamp column named by mistake would build and
    send every person under a date. -#}
{% macro _cio_check_id_column(macro_name, arg_name, column) %}
    {%- if column is not none and column.kind in ['tz', 'ntz', 'date'] -%}
        {%- set msg_text -%}
            argument `{{ arg_name }}` names column `{{ column.display }}` of type
            {{ column.dtype }}; an identifier must be text or a number. Fix: name the column that
            holds the identifier.
        {%- endset -%}
        {{ nexus_customer_io._cio_raise(macro_name, msg_text) }}
    {%- endif -%}
{% endmacro %}
