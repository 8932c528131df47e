{#- Limits on how much one run may remove: the deletions model's
    max_deletions (an error) and the relationships model's max_ended (a dbt
    warning). A limit is `none` (off), a whole number (a count), or a
    mapping with `count` (a whole number) and/or `share` (a number from 0 to
    1 of the rows previously synced). A run is over it when it removes more
    than every bound given: more than `count` rows and more than `share` of
    the rows, so a small workspace's normal day passes and "nexus came back
    empty" does not. -#}

{#- The limit as {'count': number or none, 'share': number or none}, or
    none; an error naming the argument for anything else. -#}
{% macro _cio_removal_limit(macro_name, arg_name, value) %}
    {%- if value is none -%}
        {{ return(none) }}
    {%- endif -%}
    {%- set limit = {'count': value, 'share': none} if value is number and value is not boolean
        else value if value is mapping else none -%}
    {%- set known = limit is not none and limit.keys() | reject('in', ['count', 'share']) | list | length == 0 -%}
    {%- set count, share = (limit.get('count'), limit.get('share')) if known else (none, none) -%}
    {%- set count_ok = count is none
        or (count is number and count is not boolean and count == count | int and count >= 0) -%}
    {%- set share_ok = share is none or (share is number and share is not boolean and share >= 0 and share <= 1) -%}
    {%- if not known or not count_ok or not share_ok or (count is none and share is none) -%}
        {%- set msg_text -%}
            argument `{{ arg_name }}` must be none (no limit), a whole number of rows, or a mapping
            with `count` (a whole number) and/or `share` (a number from 0 to 1 of the rows
            previously synced), such as {'count': 10, 'share': 0.2}; got `{{ value }}`.
        {%- endset -%}
        {{ nexus_customer_io._cio_raise(macro_name, msg_text) }}
    {%- endif -%}
    {{ return({'count': count, 'share': share}) }}
{% endmacro %}


{#- Whether removing `n` of `base` rows is over `limit`: the share it is
    (e.g. '90 %') when it is, '' when not. -#}
{% macro _cio_over_limit(n, base, limit) %}
    {%- set over_count = limit['count'] is none or n > limit['count'] -%}
    {%- set over_share = limit['share'] is none or n > limit['share'] * base -%}
    {%- if n > 0 and over_count and over_share -%}
        {{ return(nexus_customer_io._cio_percent(n / base if base else 1)) }}
    {%- endif -%}
    {{ return('') }}
{% endmacro %}


{#- A limit in words, e.g. 'more than 10 and more than 20 % of them'. -#}
{% macro _cio_limit_words(limit) %}
    {%- set parts = [] -%}
    {%- if limit['count'] is not none -%}{%- do parts.append('more than ' ~ limit['count'] | int) -%}{%- endif -%}
    {%- if limit['share'] is not none -%}
        {%- do parts.append('more than ' ~ nexus_customer_io._cio_percent(limit['share']) ~ ' of them') -%}
    {%- endif -%}
    {{ return(parts | join(' and ')) }}
{% endmacro %}


{#- A share as a percentage for messages: 0.9 -> '90 %', 0.125 -> '12.5 %'. -#}
{% macro _cio_percent(share) %}
    {%- set value = (share * 100) | round(1) -%}
    {{ return((value | int if value == value | int else value) ~ ' %') }}
{% endmacro %}
