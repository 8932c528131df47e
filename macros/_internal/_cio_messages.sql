{#- Errors, warnings and log lines. Every message starts with the public macro
    that raised it, so a user reading a failed run knows where to look. -#}

{#- A message may be written as a {% set %} block wrapped over several
    lines: each line break and the indentation after it read as one space. -#}
{% macro _cio_raise(macro_name, message) %}
    {%- set text = nexus_customer_io._cio_unwrap(message) -%}
    {%- do exceptions.raise_compiler_error("nexus_customer_io." ~ macro_name ~ ": " ~ text) -%}
{% endmacro %}

{% macro _cio_unwrap(message) %}
    {{ return(modules.re.sub('\\n *', ' ', message | string)) }}
{% endmacro %}

{#- Warnings (what may be a mistake) are dbt warnings: level `warn` in dbt's
    logs, fatal under --warn-error. Log lines (what was decided) are info.
    Inside a model both start with the model's name, so a line from one of
    several threads says which model wrote it. -#}
{% macro _cio_warn(macro_name, message) %}
    {%- if execute -%}
        {%- set text = nexus_customer_io._cio_unwrap(message) -%}
        {%- do exceptions.warn(nexus_customer_io._cio_message_prefix(macro_name) ~ text) -%}
    {%- endif -%}
{% endmacro %}

{% macro _cio_log(macro_name, message) %}
    {%- if execute -%}
        {%- set text = nexus_customer_io._cio_unwrap(message) -%}
        {%- do log(nexus_customer_io._cio_message_prefix(macro_name) ~ text, info=true) -%}
    {%- endif -%}
{% endmacro %}

{% macro _cio_message_prefix(macro_name) %}
    {%- set prefix = "nexus_customer_io." ~ macro_name ~ ": " -%}
    {%- if model is defined and model.resource_type is defined and model.resource_type == 'model' -%}
        {{ return(prefix ~ model.name ~ ": ") }}
    {%- endif -%}
    {{ return(prefix) }}
{% endmacro %}

{#- The default__ of an adapter shim (macros/_internal/cross_db) whose SQL
    differs on every supported adapter: an adapter without its own variant
    gets this error, not a warehouse syntax error. -#}
{% macro _cio_unsupported(helper) %}
    {%- set variant = adapter.type() ~ '__' ~ (helper[1:] if helper.startswith('_') else helper) -%}
    {%- set msg_text -%}
        adapter `{{ adapter.type() }}` is not supported by `{{ helper }}`; add a macro
        `{{ variant }}` to your project and dispatch to it (README, Dispatch).
    {%- endset -%}
    {{ nexus_customer_io._cio_raise(helper, msg_text) }}
{% endmacro %}

{#- Argument shape checks: a string where a list belongs would otherwise be
    iterated character by character and silently do the wrong thing. -#}
{% macro _cio_check_list(macro_name, arg_name, value, allow_none=false) %}
    {%- if value is none and allow_none -%}
        {{ return(none) }}
    {%- endif -%}
    {%- if value is none or value is string or value is mapping or value is not iterable -%}
        {%- set fix -%}
            {%- if value is string and value | trim == '' -%}
                leave `{{ arg_name }}` out, or write {{ arg_name }}=[] for none
            {%- else -%}
                write {{ arg_name }}=['{{ (value if value is string else 'a_column') }}']
            {%- endif -%}
        {%- endset -%}
        {%- set msg_text -%}
            argument `{{ arg_name }}` must be a list of strings, got `{{ value }}`. Fix: {{ fix }}.
        {%- endset -%}
        {{ nexus_customer_io._cio_raise(macro_name, msg_text) }}
    {%- endif -%}
    {%- for item in value -%}
        {%- if item is not string or item | trim == '' -%}
            {%- set msg_text -%}
                argument `{{ arg_name }}` must hold non-empty strings, got `{{ item }}` in {{ value }}.
                Fix: {{ 'remove the blank entry' if item is string
                    else 'write each entry as a quoted string, or remove it' }}.
            {%- endset -%}
            {{ nexus_customer_io._cio_raise(macro_name, msg_text) }}
        {%- endif -%}
    {%- endfor -%}
{% endmacro %}

{% macro _cio_check_mapping(macro_name, arg_name, value) %}
    {%- if value is not mapping -%}
        {%- set msg_text -%}
            argument `{{ arg_name }}` must be a dict of old name to new name, got `{{ value }}`.
            Fix: write {{ arg_name }}={'old_name': 'new_name'}.
        {%- endset -%}
        {{ nexus_customer_io._cio_raise(macro_name, msg_text) }}
    {%- endif -%}
    {%- for key, new_name in value.items() -%}
        {%- if new_name is not string or new_name | trim == '' -%}
            {%- set msg_text -%}
                argument `{{ arg_name }}` must map each name to a non-empty new name, got
                `{{ key }}` mapped to `{{ new_name }}`. Fix: give the new name, or leave `{{ key }}`
                out of {{ arg_name }}.
            {%- endset -%}
            {{ nexus_customer_io._cio_raise(macro_name, msg_text) }}
        {%- endif -%}
    {%- endfor -%}
{% endmacro %}

{% macro _cio_check_choice(macro_name, arg_name, value, choices, hint='') %}
    {%- if value not in choices -%}
        {%- set msg_text -%}
            argument `{{ arg_name }}` must be one of {{ choices | join(', ') }}, got
            `{{ value }}`.{{ (" " ~ hint if hint else "") }}
        {%- endset -%}
        {{ nexus_customer_io._cio_raise(macro_name, msg_text) }}
    {%- endif -%}
{% endmacro %}

{#- Arguments that must be booleans, as (name, value) pairs: a text such as
    'false' is truthy in Jinja and would silently do the opposite. -#}
{#- The argument checks every sync macro makes, in one step, each pair an
    (argument name, value): booleans, non-empty strings (optional_strings:
    none is allowed), lists (optional_lists: none is allowed), mappings, and
    the trait timestamp format (in_json: inside a JSON attribute). -#}
{% macro _cio_check_arguments(macro_name, booleans=[], strings=[], optional_strings=[], lists=[], optional_lists=[],
                              mappings=[], timestamp_format=none, in_json=false) %}
    {%- do nexus_customer_io._cio_check_booleans(macro_name, booleans) -%}
    {%- do nexus_customer_io._cio_check_strings(macro_name,
        strings + optional_strings | rejectattr('1', 'none') | list) -%}
    {%- for arg_name, value in lists -%}
        {%- do nexus_customer_io._cio_check_list(macro_name, arg_name, value) -%}
    {%- endfor -%}
    {%- for arg_name, value in optional_lists -%}
        {%- do nexus_customer_io._cio_check_list(macro_name, arg_name, value, allow_none=true) -%}
    {%- endfor -%}
    {%- for arg_name, value in mappings -%}
        {%- do nexus_customer_io._cio_check_mapping(macro_name, arg_name, value) -%}
    {%- endfor -%}
    {%- if timestamp_format is not none -%}
        {%- do nexus_customer_io._cio_check_timestamp_format(macro_name, timestamp_format, in_json=in_json) -%}
    {%- endif -%}
{% endmacro %}


{% macro _cio_check_booleans(macro_name, pairs) %}
    {%- for arg_name, value in pairs -%}
        {%- if value is not boolean -%}
            {{ nexus_customer_io._cio_raise(macro_name, "argument `" ~ arg_name ~ "` must be true or false, got `" ~ value ~ "`"
                ~ (" (a text)" if value is string else "") ~ ". Fix: write " ~ arg_name ~ "="
                ~ ("true" if (value | string | lower) in ['true', 'yes', '1'] else "false") ~ ", without quotes.") }}
        {%- endif -%}
    {%- endfor -%}
{% endmacro %}

{#- A whole number in [minimum, maximum] (maximum none: no upper bound). -#}
{% macro _cio_check_whole_number(macro_name, arg_name, value, minimum=0, maximum=none, unit='') %}
    {%- if value is not number or value is boolean or value != value | int or value < minimum or (maximum is not none and value > maximum) -%}
        {{ nexus_customer_io._cio_raise(macro_name, "argument `" ~ arg_name ~ "` must be a whole number" ~ unit
            ~ (" from " ~ minimum ~ " to " ~ maximum if maximum is not none else ", " ~ minimum ~ " or more") ~ ", got `" ~ value ~ "`.") }}
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
        {%- set msg_text -%}
            argument `object_type_id` must be a positive integer such as 1 or '1' (the id
            Customer.io gave the object type in your workspace), got `{{ value }}`.
        {%- endset -%}
        {{ nexus_customer_io._cio_raise(macro_name, msg_text) }}
    {%- endif -%}
    {{ return(text) }}
{% endmacro %}

{#- Whether this invocation builds models (left-out counts cost a query, so
    compile, docs and the like skip them). -#}
{% macro _cio_reports_left_out() %}
    {{ return(execute and flags.WHICH in ['run', 'build']) }}
{% endmacro %}


{#- Rows left out by rule are counted and reported, on every run or build
    (not under compile). `inputs` is the model's own `with ...` CTE list;
    `from_sql` the relation of the rows in scope, after it; `reasons` holds
    (condition, label) pairs, each condition true for the rows that reason
    leaves out, in the order the rules apply (so each excludes the earlier
    ones). The line names the model. When `warn_on` (a label's index) counts
    more than half of the candidates (the rows the earlier reasons keep), the
    line is a dbt warning: most likely the wrong people model. -#}
{% macro _cio_report_left_out(macro_name, noun, inputs, from_sql, reasons, warn_on=none) %}
    {%- if not nexus_customer_io._cio_reports_left_out() -%}
        {{ return(none) }}
    {%- endif -%}
    {%- set sql -%}
{{ inputs }}

select
    count(*) as _cio_total
    {%- for condition, label in reasons %},
    sum(case when {{ condition }} then 1 else 0 end) as _cio_reason_{{ loop.index }}
    {%- endfor %}
{{ from_sql }}
    {%- endset -%}
    {#- by position: Snowflake reports the names upper-case -#}
    {%- set row = run_query(sql).rows[0] -%}
    {%- set total = (row[0] or 0) | int -%}
    {%- set parts = [] -%}
    {%- set ns = namespace(left_out=0, before=0, flagged=0) -%}
    {%- for condition, label in reasons -%}
        {%- set count = (row[loop.index] or 0) | int -%}
        {%- if loop.index0 == warn_on -%}
            {%- set ns.flagged = count -%}
            {%- set ns.before = ns.left_out -%}
        {%- endif -%}
        {%- set ns.left_out = ns.left_out + count -%}
        {%- if count > 0 -%}{%- do parts.append(count ~ " " ~ label) -%}{%- endif -%}
    {%- endfor -%}
    {%- set message = ns.left_out ~ " of " ~ total ~ " " ~ noun ~ " left out"
        ~ (": " ~ parts | join(", ") if parts else "") ~ "." -%}
    {%- set candidates = total - ns.before -%}
    {%- if warn_on is not none and candidates > 0 and ns.flagged * 2 > candidates -%}
        {%- set msg_text -%}
            {{ message }} That is more than half of the {{ candidates }} candidates: check that
            `persons` is the right people model, built from the same nexus entities before this
            model.
        {%- endset -%}
        {%- do nexus_customer_io._cio_warn(macro_name, msg_text) -%}
    {%- else -%}
        {%- do nexus_customer_io._cio_log(macro_name, message) -%}
    {%- endif -%}
{% endmacro %}


{#- A UTC date or time written as text ('2024-01-31', '2024-01-31 08:00' or
    '2024-01-31T08:00:00'), a real one: month, day (leap years too), hour,
    minute and second in range, so a typo such as '2024-02-30' is this error
    rather than the warehouse's conversion error. `what` names it in the
    message ('argument `occurred_after`', 'var nexus_customer_io_now'). -#}
{% macro _cio_check_utc_text(macro_name, what, value, hint='') %}
    {%- set pattern = '^([0-9]{4})-([0-9]{2})-([0-9]{2})(?:[ T]([0-9]{2}):([0-9]{2})(?::([0-9]{2}))?)?$' -%}
    {%- set found = modules.re.match(pattern, value | string | trim) if value is string else none -%}
    {%- set ok = namespace(value=found is not none) -%}
    {%- if found -%}
        {%- set year, month, day = found.group(1) | int, found.group(2) | int, found.group(3) | int -%}
        {%- set hour, minute = (found.group(4) or 0) | int, (found.group(5) or 0) | int -%}
        {%- set second = (found.group(6) or 0) | int -%}
        {%- if month < 1 or month > 12 or day < 1 or hour > 23 or minute > 59 or second > 59 -%}
            {%- set ok.value = false -%}
        {%- else -%}
            {#- the last day of the month: the day before the first of the next -#}
            {%- set next_month = modules.datetime.date(year + month // 12, month % 12 + 1, 1) -%}
            {%- set ok.value = day <= (next_month - modules.datetime.timedelta(days=1)).day -%}
        {%- endif -%}
    {%- endif -%}
    {%- if not ok.value -%}
        {%- set msg_text -%}
            {{ what }} must be a UTC date or time such as '2024-01-31' or '2024-01-31 08:00:00',
            got `{{ value }}`{{ ', which is not a date of the calendar' if found else '' }}.{{ ' ' ~ hint if hint }}
        {%- endset -%}
        {{ nexus_customer_io._cio_raise(macro_name, msg_text) }}
    {%- endif -%}
{% endmacro %}
