{#- Person matching, shared by events and relationships (design.md, "Person
    matching"). Rows of `from` carry a cleaned _cio_user_id and, when
    `has_anonymous`, _cio_anonymous_id. They are matched to the people table
    `persons` (a model built by customer_io_identify): by userId, with values
    holding @ compared case-insensitively; rows whose userId finds nobody fall
    back to people without a userId, by anonymousId. Matched rows carry the
    people table's own identifiers; rows matching nobody are left out.

    Returns the body of a CTE selecting `passthrough` plus the two ids. -#}

{% macro _cio_persons_columns(persons, macro_name) %}
    {%- set found = nexus_customer_io._cio_relation_columns(persons, macro_name, 'persons') -%}
    {%- if not found.exists -%}
        {{ return(found) }}
    {%- endif -%}
    {%- set names = found.columns | map(attribute='name') | list -%}
    {%- if 'userId' not in names -%}
        {{ nexus_customer_io._cio_raise(macro_name, "argument `persons` must be a people table built by customer_io_identify, with a \"userId\" column; " ~ persons ~ " has: " ~ names | join(', ') ~ ".") }}
    {%- endif -%}
    {{ return({'exists': true, 'columns': found.columns, 'has_anonymous': 'anonymousId' in names}) }}
{% endmacro %}


{% macro _cio_match_persons(from, persons, persons_has_anonymous, has_anonymous, passthrough) %}
    {%- set uid = adapter.quote('userId') -%}
    {%- set aid = adapter.quote('anonymousId') -%}
    {%- set use_anonymous = has_anonymous and persons_has_anonymous -%}
    {%- set cols = [] -%}
    {%- for col in passthrough -%}{%- do cols.append('_cio_r.' ~ col) -%}{%- endfor -%}
    {%- set sql -%}
    select
        {{ cols | join(', ') }}{{ ',' if cols }}
        {%- if use_anonymous %}
        case when _cio_pu._cio_key is not null then _cio_pu.{{ uid }} end as _cio_user_id,
        case when _cio_pu._cio_key is not null then _cio_pu.{{ aid }} else _cio_pa.{{ aid }} end as _cio_anonymous_id
        {%- else %}
        _cio_pu.{{ uid }} as _cio_user_id
        {%- if has_anonymous %},
        cast(null as {{ dbt.type_string() }}) as _cio_anonymous_id
        {%- endif %}
        {%- endif %}
    from {{ from }} as _cio_r
    left join (
        select {{ uid }}{{ ', ' ~ aid if use_anonymous }}, {{ nexus_customer_io._cio_match_key(uid) }} as _cio_key
        from {{ persons }}
        where {{ uid }} is not null
    ) as _cio_pu
        on _cio_pu._cio_key = {{ nexus_customer_io._cio_match_key('_cio_r._cio_user_id') }}
    {%- if use_anonymous %}
    left join (
        select {{ aid }}, {{ nexus_customer_io._cio_match_key(aid) }} as _cio_key
        from {{ persons }}
        where {{ uid }} is null and {{ aid }} is not null
    ) as _cio_pa
        on _cio_pu._cio_key is null
        and _cio_pa._cio_key = {{ nexus_customer_io._cio_match_key('_cio_r._cio_anonymous_id') }}
    where _cio_pu._cio_key is not null or _cio_pa._cio_key is not null
    {%- else %}
    where _cio_pu._cio_key is not null
    {%- endif %}
    {%- endset -%}
    {{ return(sql) }}
{% endmacro %}


{#- The normalised person key of a row: 'u:' + userId, else 'a:' + anonymousId,
    each through _cio_match_key. Used for one-row-per-person dedupes and for
    messageId, so a case variant of the same email is the same person. -#}
{% macro _cio_person_key(user_id, anonymous_id=none) %}
    {%- if anonymous_id is none -%}
        {{ return("'u:' || " ~ nexus_customer_io._cio_match_key(user_id)) }}
    {%- endif -%}
    {{ return("case when " ~ user_id ~ " is not null then 'u:' || " ~ nexus_customer_io._cio_match_key(user_id)
        ~ " else 'a:' || " ~ nexus_customer_io._cio_match_key(anonymous_id) ~ " end") }}
{% endmacro %}
