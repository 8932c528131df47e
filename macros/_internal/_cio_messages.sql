{#- Errors, warnings and log lines. Every message starts with the public macro
    that raised it, so a user reading a failed run knows where to look. -#}

{% macro _cio_raise(macro_name, message) %}
    {%- do exceptions.raise_compiler_error("nexus_customer_io." ~ macro_name ~ ": " ~ message) -%}
{% endmacro %}

{% macro _cio_warn(macro_name, message) %}
    {%- if execute -%}
        {%- do exceptions.warn("nexus_customer_io." ~ macro_name ~ ": " ~ message) -%}
    {%- endif -%}
{% endmacro %}

{% macro _cio_log(macro_name, message) %}
    {%- if execute -%}
        {%- do log("nexus_customer_io." ~ macro_name ~ ": " ~ message, info=true) -%}
    {%- endif -%}
{% endmacro %}

{#- Argument shape checks: a string where a list belongs would otherwise be
    iterated character by character and silently do the wrong thing. -#}
{% macro _cio_check_list(macro_name, arg_name, value, allow_none=false) %}
    {%- if value is none and allow_none -%}
        {{ return(none) }}
    {%- endif -%}
    {%- if value is none or value is string or value is mapping or value is not iterable -%}
        {{ nexus_customer_io._cio_raise(macro_name, "argument `" ~ arg_name ~ "` must be a list of strings, got `" ~ value ~ "`. Fix: write " ~ arg_name ~ "=['" ~ (value if value is string else 'a_column') ~ "'].") }}
    {%- endif -%}
    {%- for item in value -%}
        {%- if item is not string or item | trim == '' -%}
            {{ nexus_customer_io._cio_raise(macro_name, "argument `" ~ arg_name ~ "` must hold non-empty strings, got `" ~ item ~ "` in " ~ value ~ ".") }}
        {%- endif -%}
    {%- endfor -%}
{% endmacro %}

{% macro _cio_check_mapping(macro_name, arg_name, value) %}
    {%- if value is not mapping -%}
        {{ nexus_customer_io._cio_raise(macro_name, "argument `" ~ arg_name ~ "` must be a dict of old name to new name, got `" ~ value ~ "`. Fix: write " ~ arg_name ~ "={'old_name': 'new_name'}.") }}
    {%- endif -%}
    {%- for key, new_name in value.items() -%}
        {%- if new_name is not string or new_name | trim == '' -%}
            {{ nexus_customer_io._cio_raise(macro_name, "argument `" ~ arg_name ~ "` maps `" ~ key ~ "` to `" ~ new_name ~ "`; the new name must be a non-empty string.") }}
        {%- endif -%}
    {%- endfor -%}
{% endmacro %}

{% macro _cio_check_choice(macro_name, arg_name, value, choices) %}
    {%- if value not in choices -%}
        {{ nexus_customer_io._cio_raise(macro_name, "argument `" ~ arg_name ~ "` is `" ~ value ~ "`; it must be one of " ~ choices | join(', ') ~ ".") }}
    {%- endif -%}
{% endmacro %}

{#- Arguments that must be non-empty strings, as (name, value) pairs. -#}
{% macro _cio_check_strings(macro_name, pairs) %}
    {%- for arg_name, value in pairs -%}
        {%- if value is not string or value | trim == '' -%}
            {{ nexus_customer_io._cio_raise(macro_name, "argument `" ~ arg_name ~ "` must be a non-empty string, got `" ~ value ~ "`.") }}
        {%- endif -%}
    {%- endfor -%}
{% endmacro %}

{#- Customer.io object type ids are integer-formatted strings from "1". Returns
    the id as text. -#}
{% macro _cio_object_type_id(macro_name, value) %}
    {%- set text = (value | string) | trim -%}
    {%- if value is none or value is boolean or not modules.re.match('^[1-9][0-9]*$', text) -%}
        {{ nexus_customer_io._cio_raise(macro_name, "argument `object_type_id` is `" ~ value ~ "`; it must be a positive integer such as 1 or '1' (the id Customer.io gave the object type in your workspace).") }}
    {%- endif -%}
    {{ return(text) }}
{% endmacro %}
