{#- Checks of what a model built, run as its post-hook (registered by the
    public macro at parse time, added to any hook of the project's own):
    identify counts the people Customer.io ignores, relationships warns when
    one run ended more memberships than max_ended. dbt run / build only; each
    returns no SQL. -#}

{#- The post-hook text that calls _cio_after_build with these arguments
    (literals, written into the model's config at parse time). -#}
{% macro _cio_after_build_hook(macro_name, limit=none) %}
    {{ return("{{ nexus_customer_io._cio_after_build(" ~ nexus_customer_io._cio_jinja_literal(macro_name) ~ ", "
        ~ nexus_customer_io._cio_jinja_literal(limit) ~ ") }}") }}
{% endmacro %}

{#- A value as a Jinja literal: none, booleans, numbers, strings, and
    mappings and lists of them. -#}
{% macro _cio_jinja_literal(value) %}
    {%- if value is none -%}
        {{ return('none') }}
    {%- elif value is boolean -%}
        {{ return('true' if value else 'false') }}
    {%- elif value is number -%}
        {{ return(value | string) }}
    {%- elif value is string -%}
        {{ return(value | tojson) }}
    {%- elif value is mapping -%}
        {%- set items = [] -%}
        {%- for key, item in value.items() -%}
            {%- do items.append(nexus_customer_io._cio_jinja_literal(key) ~ ': '
                ~ nexus_customer_io._cio_jinja_literal(item)) -%}
        {%- endfor -%}
        {{ return('{' ~ items | join(', ') ~ '}') }}
    {%- elif value is iterable -%}
        {%- set items = [] -%}
        {%- for item in value -%}{%- do items.append(nexus_customer_io._cio_jinja_literal(item)) -%}{%- endfor -%}
        {{ return('[' ~ items | join(', ') ~ ']') }}
    {%- endif -%}
    {{ return(value | string | tojson) }}
{% endmacro %}


{% macro _cio_after_build(macro_name, limit=none) %}
    {%- if not (execute and flags.WHICH in ['run', 'build']) -%}
        {{ return('') }}
    {%- endif -%}
    {%- set names = adapter.get_columns_in_relation(this) | map(attribute='name') | list -%}
    {%- set lnames = names | map('lower') | list -%}
    {%- set current = ' and _cio_removed_at is null' if '_cio_removed_at' in lnames else '' -%}
    {%- set q = adapter.quote -%}
    {%- if macro_name == 'customer_io_identify' and 'userId' in names and 'anonymousId' in names -%}
        {%- set count = run_query("select count(*) from " ~ this ~ " where " ~ q('userId') ~ " is null and "
            ~ q('anonymousId') ~ " is not null" ~ current).rows[0][0] | int -%}
        {%- if count > 0 -%}
            {%- set msg_text -%}
                {{ count }} people have an anonymousId and no userId: Customer.io ignores anonymous
                identify calls, so their traits are not stored (their events still reach Customer.io by
                anonymousId, which track calls accept). To sync their traits, give them a userId
                (user_id_column, or an email as the id); to stop sending their identify calls, leave them
                out with filters (docs/identify.md, Anonymous people).
            {%- endset -%}
            {%- do nexus_customer_io._cio_warn(macro_name, msg_text) -%}
        {%- endif -%}
    {%- endif -%}
    {%- if macro_name == 'customer_io_relationships' and limit is not none and '_cio_removed_at' in lnames -%}
        {#- The rows this run ended carry its stamp: the pinned clock, or a time
            after the invocation started. -#}
        {%- set pinned = var('nexus_customer_io_now', none) -%}
        {%- set since = pinned if pinned is not none and pinned | string | trim != ''
            else run_started_at.strftime('%Y-%m-%d %H:%M:%S') -%}
        {%- set ended_now = "_cio_removed_at >= cast(" ~ nexus_customer_io._cio_string_literal(since)
            ~ " as " ~ dbt.type_timestamp() ~ ")" -%}
        {%- set row = run_query("select count(case when _cio_removed_at is null then 1 end), count(case when "
            ~ ended_now ~ " then 1 end) from " ~ this).rows[0] -%}
        {%- set held, ended = row[0] | int, row[1] | int -%}
        {%- set verdict = nexus_customer_io._cio_over_limit(ended, held + ended, limit) -%}
        {%- if verdict -%}
            {%- set msg_text -%}
                this run ended {{ ended }} memberships ({{ verdict }} of the {{ held + ended }} previously
                synced), over max_ended ({{ nexus_customer_io._cio_limit_words(limit) }}): each is sent once
                more as ended (is_active false) by the next sync, settle_minutes after this run. If nexus
                came back empty or filtered by mistake, fix it and run again before then: a membership that
                comes back replaces its ended row, which is then never sent (docs/sync.md, The
                mass-deletion guard).
            {%- endset -%}
            {%- do nexus_customer_io._cio_warn(macro_name, msg_text) -%}
        {%- endif -%}
    {%- endif -%}
    {{ return('') }}
{% endmacro %}
