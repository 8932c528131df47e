{#- Incremental runs that read only what can have changed (events). A
    change-tracked events table keeps, per row, two bookkeeping columns:
      _cio_ingested_at  the event's watermark (`_ingested_at` in dbt-nexus:
                        when the row reached the warehouse), in UTC;
      _cio_definition   the md5 of the SQL of a full recompute, which holds
                        the arguments, the input columns and the package's
                        own SQL.
    An incremental run then reads the events ingested since the table's
    highest watermark less `lookback_minutes` (late events, new ones, and
    re-ingested corrections), plus the events whose people now differ from
    the ones the table holds — found by comparing the participants, joined
    to the person map, with the table, which catches merges, re-pointed
    participants, people who appear, go, or get another identifier or dedupe
    winner. Every other row of the table is kept as it is.

    A full recompute (every event read, only changed rows written, as for
    the other sync types) is the answer, logged, when the table is new or
    has no watermark yet, when the definition changed, when measurements or
    dimensions are joined (they have no watermark), when the events have no
    watermark column, and when the var nexus_customer_io_full_recompute is
    true (after a change of how nexus builds its events that kept their
    `_ingested_at`). Returns {'narrow': true|false}. -#}
{% macro _cio_incremental_plan(macro_name, watermark, watermark_name, lookback_minutes, definition, blockers=[]) %}
    {%- if not (execute and nexus_customer_io._cio_is_tracked() and is_incremental()) -%}
        {{ return({'narrow': false}) }}
    {%- endif -%}
    {%- set forced = var('nexus_customer_io_full_recompute', false) -%}
    {%- do nexus_customer_io._cio_check_booleans(macro_name, [('var nexus_customer_io_full_recompute', forced)]) -%}
    {%- set reason = namespace(text=none, since=none) -%}
    {%- if forced -%}
        {%- set reason.text = 'the var nexus_customer_io_full_recompute is true' -%}
    {%- elif watermark is none -%}
        {%- set reason.text = ('the events have no column `' ~ watermark_name ~ '` (watermark_column)') if watermark_name
            else 'watermark_column is none' -%}
    {%- elif blockers -%}
        {%- set reason.text = blockers | join(' and ') ~ ' join tables that have no watermark' -%}
    {%- else -%}
        {%- set held = adapter.get_columns_in_relation(this) | map(attribute='name') | map('lower') | list -%}
        {%- set missing = ['_cio_ingested_at', '_cio_definition', '_cio_removed_at'] | reject('in', held) | list -%}
        {%- if missing -%}
            {%- set reason.text = 'the table has no ' ~ missing | join(' / ') ~ ' yet (this run adds them)' -%}
        {%- else -%}
            {%- set query -%}
                select
                    count(*),
                    sum(case when _cio_definition = {{ nexus_customer_io._cio_string_literal(definition) }} then 0 else 1 end),
                    max(_cio_ingested_at)
                from {{ this }}
            {%- endset -%}
            {%- set row = run_query(query).rows[0] -%}
            {%- if (row[0] or 0) | int == 0 -%}
                {%- set reason.text = 'the table is empty' -%}
            {%- elif (row[1] or 0) | int > 0 -%}
                {%- set reason.text = "the model's definition changed since " ~ (row[1] | int) ~ " of its rows were built (its
                    arguments, the columns of its inputs, or the package's SQL)" -%}
            {%- elif row[2] is none -%}
                {%- set reason.text = 'no row has a watermark (`' ~ watermark_name ~ '` is null on every event read)' -%}
            {%- else -%}
                {#- one form on every adapter (BigQuery's is zone-aware, UTC) -#}
                {%- set reason.since = row[2].strftime('%Y-%m-%d %H:%M:%S') if row[2].strftime is defined else row[2] | string -%}
            {%- endif -%}
        {%- endif -%}
    {%- endif -%}
    {%- if reason.text is not none -%}
        {%- do nexus_customer_io._cio_log(macro_name, 'full recompute: ' ~ reason.text ~ '; every event is read.') -%}
        {{ return({'narrow': false}) }}
    {%- endif -%}
    {%- set msg_text -%}
        incremental run: reads the events with `{{ watermark_name }}` from {{ reason.since }} less
        {{ lookback_minutes }} minutes (the table's watermark less watermark_lookback_minutes) or
        null, and the events whose people changed; every other row is kept (participations left out
        are counted by full builds).
    {%- endset -%}
    {%- do nexus_customer_io._cio_log(macro_name, msg_text) -%}
    {{ return({'narrow': true}) }}
{% endmacro %}


{#- People, objects and relationships have no safe watermark: a tracked
    run of them reads every entity (or relationship) of the type and writes
    only the rows that changed. Logged on each such run, with why. -#}
{% macro _cio_log_full_read(macro_name, rows, why) %}
    {%- if execute and nexus_customer_io._cio_is_tracked() and is_incremental() -%}
        {%- do nexus_customer_io._cio_log(macro_name, 'full recompute: every ' ~ rows ~ ' is read, as ' ~ why
            ~ '; only changed rows are written.') -%}
    {%- endif -%}
{% endmacro %}
