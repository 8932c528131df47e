{#- Types and cell decoding for the test seeds. Seeds are loaded as text on
    every target (agate would otherwise guess types per adapter) and typed
    here, in SQL, so both targets hold the same values. -#}

{% macro tz_timestamp_type() %}
    {{ return(adapter.dispatch('tz_timestamp_type')()) }}
{% endmacro %}
{% macro default__tz_timestamp_type() %}timestamp with time zone{% endmacro %}
{% macro snowflake__tz_timestamp_type() %}timestamp_tz{% endmacro %}

{#- dbt-snowflake's seed loader turns blank cells into NULL, so blank and
    whitespace identifiers are spelled as tokens in the CSV. -#}
{% macro decode_cell(column) -%}
    case {{ column }}
        when '<blank>' then ''
        when '<spaces>' then '   '
        when '<padded>' then chr(9) || ' u_15 ' || chr(10)
        when '<padded_loc>' then ' loc_01 '
        else {{ column }}
    end
{%- endmacro %}
{#- BigQuery: TIMESTAMP is the zone-aware instant (DATETIME is wall-clock). -#}
{% macro bigquery__tz_timestamp_type() %}timestamp{% endmacro %}
