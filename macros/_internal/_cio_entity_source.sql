{#- The two syncs that read one row per entity (identify, objects) share how
    they pick traits and how they select them. -#}

{#- The trait list of an entity sync: every column but the system and
    identifier columns, through the one trait-list builder, with `_created_at`
    sent as `created_at` and traits empty for the whole entity type left out. -#}
{% macro _cio_entity_traits(macro_name, entities, columns, type_col, entity_type, id_columns,
                            ignore, rename, include, timestamp_names, allow_sensitive, keep_empty,
                            sync_unsubscribed=none, extra_reserved=[], identifiers=['email']) %}
    {{ return(nexus_customer_io._cio_select_traits(
        macro_name, entities, columns, noun='trait',
        excluded=['entity_id', 'entity_type', 'traits_entity_id', '_processed_at', '_updated_at', '_last_merged_at']
            + id_columns | map(attribute='lname') | list,
        ignore=ignore, rename=rename, include=include,
        timestamp_names=timestamp_names, allow_sensitive=allow_sensitive, identifiers=identifiers,
        default_renames={'_created_at': 'created_at'},
        sync_unsubscribed=sync_unsubscribed, extra_reserved=extra_reserved,
        keep_empty=keep_empty,
        empty_where=type_col.quoted ~ ' = ' ~ nexus_customer_io._cio_string_literal(entity_type)
    )) }}
{% endmacro %}


{#- The select of an entity sync: the `leading` (expression, alias) pairs,
    the traits in the chosen timestamp format, the entity id as _cio_row_id,
    from the entities of `entity_type` that pass every filter (each filter in
    parentheses, so `a or b` cannot widen the selection). -#}
{% macro _cio_entity_source(macro_name, entities, type_col, entity_type, id_col, leading, traits,
                            trait_timestamp_format, filters) %}
    {%- set selects = [] -%}
    {%- for expr, alias in leading -%}
        {%- do selects.append(expr ~ " as " ~ alias) -%}
    {%- endfor -%}
    {%- for trait in traits -%}
        {%- do selects.append(nexus_customer_io._cio_trait_expression(trait, trait_timestamp_format) ~ " as " ~ adapter.quote(trait.name)) -%}
    {%- endfor -%}
    {%- do selects.append(id_col.quoted ~ " as _cio_row_id") -%}
    {%- set sql -%}
    select
        {{ selects | join(',\n        ') }}
    from {{ entities }}
    where {{ type_col.quoted }} = {{ nexus_customer_io._cio_string_literal(entity_type) }}
    {%- for condition in filters %}
        and ({{ condition }})
    {%- endfor %}
    {%- endset -%}
    {{ return(sql) }}
{% endmacro %}


{#- The input checks of an entity sync (see _cio_check_inputs): the entity
    type is there, each of `ids` ((argument, column, consequence) triples) is
    set on some entity of that type, and each trait parsed from text holds
    timestamps. -#}
{% macro _cio_entity_input_checks(macro_name, entities, type_col, entity_type, ids, traits) %}
    {%- set in_scope = type_col.quoted ~ ' = ' ~ nexus_customer_io._cio_string_literal(entity_type) -%}
    {%- set scope_words = "entities of entity_type '" ~ entity_type ~ "'" -%}
    {%- set checks = [nexus_customer_io._cio_values_check('entity_type', [entity_type], entities, type_col)] -%}
    {%- for arg_name, column, consequence in ids -%}
        {%- do checks.append(nexus_customer_io._cio_id_check(arg_name, entities, type_col, entity_type, column, consequence)) -%}
    {%- endfor -%}
    {%- for trait in traits if trait.boolean -%}
        {%- do checks.append({'kind': 'parses', 'arg': 'sync_unsubscribed', 'from': entities, 'where': in_scope,
            'expr': trait.column.quoted, 'parsed': nexus_customer_io._cio_parse_boolean(trait.column.quoted),
            'column': trait.column.display, 'name': trait.name, 'what': scope_words,
            'form': {'kind': 'a boolean', 'one': 'true or false (or 1/0, yes/no)',
                     'many': 'true or false (or 1/0, yes/no)'},
            'fix': 'set sync_unsubscribed=false, or send a column that holds true or false'}) -%}
    {%- endfor -%}
    {%- for trait in traits if trait.parse_text -%}
        {%- do checks.append({'kind': 'parses', 'arg': 'timestamp_traits', 'from': entities, 'where': in_scope,
            'expr': trait.column.quoted, 'parsed': nexus_customer_io._cio_parse_timestamp(trait.column.quoted),
            'column': trait.column.display, 'name': trait.name, 'what': scope_words}) -%}
    {%- endfor -%}
    {%- do nexus_customer_io._cio_check_inputs(macro_name, checks) -%}
{% endmacro %}
