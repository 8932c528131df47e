{% macro json_literal(text) %}{{ return(adapter.dispatch('json_literal')(text)) }}{% endmacro %}
{% macro default__json_literal(text) %}cast('{{ text }}' as json){% endmacro %}
{% macro snowflake__json_literal(text) %}parse_json('{{ text }}'){% endmacro %}
{% macro bigquery__json_literal(text) %}parse_json('{{ text }}'){% endmacro %}
