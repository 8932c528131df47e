{#- The people model is the one map from nexus entities to Customer.io people.
    customer_io_identify writes it into two bookkeeping columns (see
    _cio_person_map_columns); events and relationships given `persons` read
    the person of every entity from there, with that person's own "userId"
    and "anonymousId". Only rows the people model currently produces count:
    in a change-tracked people table, rows with _cio_removed_at set are
    people Customer.io must no longer receive anything for. -#}

{% macro _cio_persons_columns(persons, macro_name) %}
    {%- set found = nexus_customer_io._cio_relation_columns(persons, macro_name, 'persons') -%}
    {%- if not found.exists -%}
        {{ return(found) }}
    {%- endif -%}
    {%- set names = found.columns | map(attribute='name') | list -%}
    {%- set lnames = found.columns | map(attribute='lname') | list -%}
    {%- if 'userId' not in names -%}
        {%- set msg_text -%}
            argument `persons` must be a people table built by customer_io_identify, with a "userId"
            column; {{ persons }} has: {{ names | join(', ') }}.
        {%- endset -%}
        {{ nexus_customer_io._cio_raise(macro_name, msg_text) }}
    {%- endif -%}
    {%- for name in nexus_customer_io._cio_person_map_columns() -%}
        {%- if name not in lnames -%}
            {%- set msg_text -%}
                argument `persons`: {{ persons }} has no {{ name }} column, the person map that
                tells which nexus entities each person stands for. Build the people model with
                customer_io_identify of nexus_customer_io 0.2.0 or later (`dbt run --select
                {{ persons.identifier }}`; a change-tracked one adds the column on its next run).
            {%- endset -%}
            {{ nexus_customer_io._cio_raise(macro_name, msg_text) }}
        {%- endif -%}
    {%- endfor -%}
    {{ return({'exists': true, 'columns': found.columns, 'has_anonymous': 'anonymousId' in names,
               'tracked': '_cio_removed_at' in lnames}) }}
{% endmacro %}


{#- The body of a CTE: one row per nexus entity the people model maps, with
    _cio_entity_id, _cio_user_id and, when `with_anonymous`, _cio_anonymous_id
    (the person's own identifiers). `info` is what _cio_persons_columns
    returned. With `user_id_only`, people without a "userId" are left out. -#}
{% macro _cio_person_map(persons, info, with_anonymous, user_id_only=false) %}
    {%- set uid = adapter.quote('userId') -%}
    {%- set aid = adapter.quote('anonymousId') -%}
    {%- set conditions = [] -%}
    {%- if info.tracked -%}{%- do conditions.append('_cio_pm._cio_removed_at is null') -%}{%- endif -%}
    {%- if user_id_only -%}{%- do conditions.append('_cio_pm.' ~ uid ~ ' is not null') -%}{%- endif -%}
    {%- set ids -%}
        _cio_pm.{{ uid }} as _cio_user_id
        {%- if with_anonymous %},
        {% if info.has_anonymous %}_cio_pm.{{ aid }}{% else %}cast(null as {{ dbt.type_string() }}){% endif %} as _cio_anonymous_id
        {%- endif %}
    {%- endset -%}
    {%- set split = nexus_customer_io._cio_split_list('_cio_pm._cio_merged_entity_ids') -%}
    {%- set sql %}
    select
        _cio_pm._cio_entity_id,
        {{ ids }}
    from {{ persons }} as _cio_pm
    where _cio_pm._cio_entity_id is not null
    {%- for condition in conditions %}
        and {{ condition }}
    {%- endfor %}
    union all
    select
        {{ split.value }} as _cio_entity_id,
        {{ ids }}
    from {{ persons }} as _cio_pm
    {{ split.join }}
    where _cio_pm._cio_merged_entity_ids is not null
    {%- for condition in conditions %}
        and {{ condition }}
    {%- endfor %}
    {%- endset -%}
    {{ return(sql) }}
{% endmacro %}


{#- The normalised person key of a row: 'u:' + userId, else 'a:' + anonymousId,
    each through _cio_match_key. Used for one-row-per-person dedupes and for
    messageId, so a case variant of the same email is the same person. -#}
{% macro _cio_person_key(user_id, anonymous_id=none) -%}
{%- if anonymous_id is none -%}
'u:' || {{ nexus_customer_io._cio_match_key(user_id) }}
{%- else -%}
case
            when {{ user_id }} is not null then 'u:' || {{ nexus_customer_io._cio_match_key(user_id) }}
            else 'a:' || {{ nexus_customer_io._cio_match_key(anonymous_id) }}
        end
{%- endif -%}
{%- endmacro %}


{#- With `persons`, identifiers come from the people model; the entity-level
    identifier arguments would only disagree with it, so passing them warns. -#}
{% macro _cio_check_person_columns(macro_name, persons, user_id_column, anonymous_id_column=none) %}
    {%- if persons is not none -%}
        {%- set given = [] -%}
        {%- if user_id_column is not none -%}{%- do given.append('user_id_column') -%}{%- endif -%}
        {%- if anonymous_id_column is not none -%}{%- do given.append('anonymous_id_column') -%}{%- endif -%}
        {%- if given -%}
            {%- set msg_text -%}
                {{ given | join(' and ') }} ignored: with `persons` every entity is sent under the
                "userId" / "anonymousId" its person has in {{ persons.identifier }} (the people sync
                decides who a person is). Remove {{ given | join(' and ') }} from this call.
            {%- endset -%}
            {%- do nexus_customer_io._cio_warn(macro_name, msg_text) -%}
        {%- endif -%}
    {%- endif -%}
{% endmacro %}
