{#- Test harness only, never part of the package. The fakesnow emulator cannot
    create a TEMPORARY view under a database-qualified name, which
    dbt-snowflake's incremental materialization does for its __dbt_tmp
    relation. Here that relation is a plain view; on real Snowflake
    dbt-snowflake's own macro runs. -#}
{% macro snowflake__create_view_as_with_temp_flag(relation, sql, is_temporary=False) -%}
    create or replace view {{ relation }} as (
        {{ sql }}
    );
{%- endmacro %}
