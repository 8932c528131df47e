{#- The one way the package builds a trait (or property) list, with every
    name guard (README, Checks on your input; docs/identify.md). Used by
    identify, objects and events. _cio_select_traits runs four jobs, one macro
    each: check the arguments, choose the columns, check the output names,
    and (at run time) leave out traits null on every row.

    Returns a list of dicts: column (from _cio_relation_columns), name (output
    name), parse_text (true for text columns named in `timestamp_names`),
    identifier (true for text columns named in `identifiers`: sent trimmed,
    blank as null, like the identifiers themselves), boolean (the
    `unsubscribed` trait, sent with sync_unsubscribed=true: a JSON boolean,
    since Customer.io reads only true, 1 and "1" as unsubscribed and any other
    value, a text "true" too, as subscribed).

    noun is 'trait' or 'property': the arguments it reports are then
    ignore_traits / rename_traits / include_traits (or ..._properties). -#}

{% macro _cio_sensitive_patterns() %}
    {{ return(['password', 'secret', 'token', 'api_key', 'access_key', 'private_key', 'credential']) }}
{% endmacro %}

{#- Names Customer.io would read as a special column, or as an identity change. -#}
{% macro _cio_reserved_names() %}
    {{ return(['userid', 'anonymousid', 'groupid', 'objecttypeid', 'timestamp', 'event',
               'relationshipattributes', 'messageid', 'id', 'cio_id']) }}
{% endmacro %}

{#- The argument names a trait list reports, for noun 'trait' or 'property'. -#}
{% macro _cio_trait_words(noun) %}
    {%- set plural = 'properties' if noun == 'property' else noun ~ 's' -%}
    {{ return({'noun': noun, 'plural': plural, 'ignore_arg': 'ignore_' ~ plural,
               'rename_arg': 'rename_' ~ plural, 'include_arg': 'include_' ~ plural}) }}
{% endmacro %}

{% macro _cio_select_traits(
    macro_name, relation, columns, noun='trait',
    excluded=[], ignore=[], rename={}, include=none,
    timestamp_names=[], allow_sensitive=[], default_renames={}, identifiers=['email'],
    extra_reserved=[], sync_unsubscribed=none,
    keep_empty=true, empty_where=none, empty_arg='keep_empty_traits'
) %}
    {%- set w = nexus_customer_io._cio_trait_words(noun) -%}
    {%- set limits = nexus_customer_io._cio_limits() -%}
    {%- do nexus_customer_io._cio_check_trait_arguments(
        macro_name, relation, columns, w, ignore, rename, include, timestamp_names, allow_sensitive, identifiers) -%}
    {%- set traits = nexus_customer_io._cio_choose_traits(
        macro_name, columns, w, excluded, ignore, rename, include, timestamp_names, allow_sensitive,
        default_renames, identifiers, sync_unsubscribed) -%}
    {%- do nexus_customer_io._cio_check_trait_names(macro_name, traits, w, extra_reserved) -%}
    {%- if not keep_empty and empty_where is not none and traits and execute -%}
        {%- set traits = nexus_customer_io._cio_drop_empty_traits(
            macro_name, relation, traits, w, empty_where, empty_arg, include) -%}
    {%- endif -%}
    {%- set plural, include_arg, ignore_arg = w.plural, w.include_arg, w.ignore_arg -%}
    {%- if traits | length > limits.attributes -%}
        {%- set msg_text -%}
            {{ traits | length }} {{ plural }} selected; Customer.io keeps at most
            {{ limits.attributes }} attributes per profile. Narrow them with {{ include_arg }} or
            {{ ignore_arg }}.
        {%- endset -%}
        {{ nexus_customer_io._cio_warn(macro_name, msg_text) }}
    {%- endif -%}
    {{ return(traits) }}
{% endmacro %}

{#- The arguments' types, and every column they name exists. A stale ignore
    entry only warns, so that a trait disappearing upstream does not break a
    production build. -#}
{% macro _cio_check_trait_arguments(
    macro_name, relation, columns, w, ignore, rename, include, timestamp_names, allow_sensitive, identifiers
) %}
    {%- set noun, plural = w.noun, w.plural -%}
    {%- set ignore_arg, rename_arg, include_arg = w.ignore_arg, w.rename_arg, w.include_arg -%}
    {%- do nexus_customer_io._cio_check_list(macro_name, ignore_arg, ignore) -%}
    {%- do nexus_customer_io._cio_check_mapping(macro_name, rename_arg, rename) -%}
    {%- do nexus_customer_io._cio_check_list(macro_name, include_arg, include, allow_none=true) -%}
    {%- do nexus_customer_io._cio_check_list(macro_name, 'timestamp_' ~ plural, timestamp_names) -%}
    {%- do nexus_customer_io._cio_check_list(macro_name, 'allow_sensitive_' ~ plural, allow_sensitive) -%}
    {%- do nexus_customer_io._cio_check_list(macro_name, 'identifier_' ~ plural, identifiers) -%}

    {%- set present = columns | map(attribute='lname') | list -%}
    {%- for name in rename.keys() -%}
        {%- do nexus_customer_io._cio_find_column(columns, name, macro_name, rename_arg, relation) -%}
    {%- endfor -%}
    {%- for name in (include or []) -%}
        {%- do nexus_customer_io._cio_find_column(columns, name, macro_name, include_arg, relation) -%}
    {%- endfor -%}
    {%- for name in timestamp_names -%}
        {%- do nexus_customer_io._cio_find_column(columns, name, macro_name, 'timestamp_' ~ plural, relation) -%}
    {%- endfor -%}
    {%- for name in allow_sensitive -%}
        {%- do nexus_customer_io._cio_find_column(columns, name, macro_name, 'allow_sensitive_' ~ plural, relation) -%}
    {%- endfor -%}
    {%- if include is not none and include | length == 0 -%}
        {%- set msg_text -%}
            `{{ include_arg }}` is an empty list, so no {{ noun }} is sent: only the identifiers and
            the timestamp. To send every {{ noun }}, leave `{{ include_arg }}` out.
        {%- endset -%}
        {{ nexus_customer_io._cio_warn(macro_name, msg_text) }}
    {%- endif -%}
    {#- The default ['email'] may well be absent; a name the user chose must not be. -#}
    {%- if identifiers | map('lower') | list != ['email'] -%}
        {%- for name in identifiers -%}
            {%- do nexus_customer_io._cio_find_column(columns, name, macro_name, 'identifier_' ~ plural, relation) -%}
        {%- endfor -%}
    {%- endif -%}
    {%- for name in ignore -%}
        {%- if (name | lower) not in present -%}
            {%- set msg_text -%}
                `{{ ignore_arg }}` names `{{ name }}`, which {{ relation }} does not have; nothing
                to ignore. Remove it from `{{ ignore_arg }}` when convenient.
            {%- endset -%}
            {{ nexus_customer_io._cio_warn(macro_name, msg_text) }}
        {%- endif -%}
    {%- endfor -%}
{% endmacro %}

{#- The columns sent, in order, with their output names: every column but
    the excluded, ignored or not included ones, `unsubscribed` unless
    sync_unsubscribed, and secret-looking names unless allowed. -#}
{% macro _cio_choose_traits(
    macro_name, columns, w, excluded, ignore, rename, include, timestamp_names, allow_sensitive,
    default_renames, identifiers, sync_unsubscribed
) %}
    {%- set plural = w.plural -%}
    {%- set ignore_l = ignore | map('lower') | list -%}
    {%- set include_l = none if include is none else include | map('lower') | list -%}
    {%- set allow_l = allow_sensitive | map('lower') | list -%}
    {%- set ts_l = timestamp_names | map('lower') | list -%}
    {%- set ids_l = identifiers | map('lower') | list -%}
    {%- set renames = {} -%}
    {%- for key, value in default_renames.items() -%}{%- do renames.update({key | lower: value}) -%}{%- endfor -%}
    {%- for key, value in rename.items() -%}{%- do renames.update({key | lower: value}) -%}{%- endfor -%}

    {%- set traits = [] -%}
    {%- set sensitive_left_out = [] -%}
    {%- for col in columns -%}
        {%- if col.lname in excluded or col.lname in ignore_l -%}
            {# system, identifier or ignored column #}
        {%- elif include_l is not none and col.lname not in include_l -%}
            {# not on the allow-list #}
        {%- elif sync_unsubscribed is not none and not sync_unsubscribed
                 and 'unsubscribed' in [col.lname, (renames.get(col.lname, '') | lower)] -%}
            {%- set msg_text -%}
                left out trait `unsubscribed` (column `{{ col.display }}`): a stale false or a null
                re-subscribes people in Customer.io. Set sync_unsubscribed=true to send it.
            {%- endset -%}
            {{ nexus_customer_io._cio_log(macro_name, msg_text) }}
        {%- else -%}
            {%- set ns = namespace(sensitive=false) -%}
            {%- for pattern in nexus_customer_io._cio_sensitive_patterns() -%}
                {%- if pattern in col.lname -%}{%- set ns.sensitive = true -%}{%- endif -%}
            {%- endfor -%}
            {%- if ns.sensitive and col.lname not in allow_l -%}
                {%- do sensitive_left_out.append(col.lname) -%}
            {%- else -%}
                {%- set name = renames.get(col.lname, col.display) -%}
                {%- do traits.append({
                    'column': col,
                    'name': name,
                    'parse_text': col.lname in ts_l and col.kind == 'text',
                    'identifier': col.lname in ids_l and col.kind == 'text',
                    'boolean': sync_unsubscribed is sameas true and (name | lower) == 'unsubscribed'
                }) -%}
            {%- endif -%}
        {%- endif -%}
    {%- endfor -%}
    {%- if sensitive_left_out -%}
        {%- set msg_text -%}
            left out secret-looking {{ plural }}: {{ sensitive_left_out | join(', ') }}. To send
            one, list it in allow_sensitive_{{ plural }}.
        {%- endset -%}
        {{ nexus_customer_io._cio_log(macro_name, msg_text) }}
    {%- endif -%}
    {{ return(traits) }}
{% endmacro %}

{#- Name guards, on names only, so the same code never passes on one day's
    data and fails on the next: reserved names, two columns with one name, a
    double quote, a name over Customer.io's byte limit. -#}
{% macro _cio_check_trait_names(macro_name, traits, w, extra_reserved) %}
    {%- set noun, rename_arg, ignore_arg = w.noun, w.rename_arg, w.ignore_arg -%}
    {%- set limits = nexus_customer_io._cio_limits() -%}
    {%- set reserved = nexus_customer_io._cio_reserved_names() + extra_reserved -%}
    {%- set seen = {} -%}
    {%- for trait in traits -%}
        {%- set key = trait.name | lower -%}
        {%- if key in reserved -%}
            {%- set msg_text -%}
                {{ noun }} `{{ trait.name }}` (column `{{ trait.column.display }}`) would be read by
                Customer.io as its reserved name `{{ key }}`. Fix: rename it with
                {{ rename_arg }}={'{{ trait.column.lname }}': 'another_name'} or leave it out with
                {{ ignore_arg }}=['{{ trait.column.lname }}'].
            {%- endset -%}
            {{ nexus_customer_io._cio_raise(macro_name, msg_text) }}
        {%- endif -%}
        {%- if key in seen -%}
            {%- set msg_text -%}
                two output columns would be named `{{ trait.name }}`: from column `{{ seen[key] }}`
                and from column `{{ trait.column.display }}` (names compare case-insensitively, as
                most warehouses do). Fix: rename one with {{ rename_arg }} or leave one out with
                {{ ignore_arg }}.
            {%- endset -%}
            {{ nexus_customer_io._cio_raise(macro_name, msg_text) }}
        {%- endif -%}
        {%- set fix -%}
            Fix: rename it with {{ rename_arg }}={'{{ trait.column.lname }}': 'another_name'} or leave
            it out with {{ ignore_arg }}=['{{ trait.column.lname }}'].
        {%- endset -%}
        {%- if '"' in trait.name -%}
            {%- set msg_text -%}
                {{ noun }} `{{ trait.name }}` (column `{{ trait.column.display }}`) contains a
                double quote, which cannot be part of a quoted column name. {{ fix }}
            {%- endset -%}
            {{ nexus_customer_io._cio_raise(macro_name, msg_text) }}
        {%- endif -%}
        {%- set bytes = trait.name.encode('utf-8') | length -%}
        {%- if bytes > limits.name_bytes -%}
            {%- set msg_text -%}
                {{ noun }} `{{ trait.name }}` (column `{{ trait.column.display }}`) is {{ bytes }}
                bytes long; Customer.io accepts attribute names of at most {{ limits.name_bytes }}
                bytes. {{ fix }}
            {%- endset -%}
            {{ nexus_customer_io._cio_raise(macro_name, msg_text) }}
        {%- endif -%}
        {%- do seen.update({key: trait.column.display}) -%}
    {%- endfor -%}
{% endmacro %}

{#- Run time: traits null for every row in scope only ever delete attributes
    in Customer.io; they are left out and named. The query reads the whole
    entity type (empty_where), never the caller's filters, which may name CTEs
    of the calling model. -#}
{% macro _cio_drop_empty_traits(macro_name, relation, traits, w, empty_where, empty_arg, include=none) %}
    {%- set plural = w.plural -%}
    {%- set counts_sql -%}
        select
        {%- for trait in traits %}
            count({{ trait.column.quoted }}){{ ',' if not loop.last }}
        {%- endfor %}
        from {{ relation }}
        where {{ empty_where }}
    {%- endset -%}
    {%- set counts = run_query(counts_sql) -%}
    {%- set kept = [] -%}
    {%- set dropped = [] -%}
    {%- for trait in traits -%}
        {%- if counts.rows[0][loop.index0] | int > 0 -%}
            {%- do kept.append(trait) -%}
        {%- else -%}
            {%- do dropped.append(trait.name) -%}
        {%- endif -%}
    {%- endfor -%}
    {%- if dropped -%}
        {%- set msg_text -%}
            left out {{ plural }} that are null for every row of this entity type (sending them
            would only delete attributes in Customer.io): {{ dropped | join(', ') }}. Set
            {{ empty_arg }}=true to send them.
        {%- endset -%}
        {{ nexus_customer_io._cio_log(macro_name, msg_text) }}
    {%- endif -%}
    {#- one the user listed by name is likely a mistake (a trait of another entity type) -#}
    {%- set listed = [] -%}
    {%- for trait in traits if trait.name in dropped and trait.column.lname in (include or []) | map('lower') | list -%}
        {%- do listed.append(trait.column.display) -%}
    {%- endfor -%}
    {%- if listed -%}
        {%- set msg_text -%}
            `{{ w.include_arg }}` names {{ listed | join(', ') }}, null for every row of this entity
            type, so {{ 'it is' if listed | length == 1 else 'they are' }} not sent (a trait of another
            entity type?). Fix: remove {{ 'it' if listed | length == 1 else 'them' }} from `{{ w.include_arg }}`,
            or set {{ empty_arg }}=true to send null.
        {%- endset -%}
        {{ nexus_customer_io._cio_warn(macro_name, msg_text) }}
    {%- endif -%}
    {{ return(kept) }}
{% endmacro %}
