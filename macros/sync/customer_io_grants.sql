{#- run-operation: least-privilege Snowflake grants for the role Customer.io
    connects with: usage on each database and schema that holds a sync model,
    select on the sync models only (models whose config has
    meta: {customer_io: {sync_type: ...}}), and create schema on the database
    for Customer.io's own __customerio_reverse_etl schema. Prints, runs nothing.
    dbt run-operation customer_io_grants --args '{role: CUSTOMERIO_REVERSE_ETL, warehouse: CUSTOMERIO_WH}' -#}
{% macro customer_io_grants(role=none, warehouse=none) %}
    {%- if execute and (role is none or role | string | trim == '') -%}
        {%- set msg_text -%}
            argument `role` is required: the role Customer.io's Reverse ETL connects with (on
            BigQuery the member, serviceAccount:name@project.iam.gserviceaccount.com). Fix: dbt
            run-operation customer_io_grants --args '{role: CUSTOMERIO_REVERSE_ETL}'.
        {%- endset -%}
        {{ nexus_customer_io._cio_raise('customer_io_grants', msg_text) }}
    {%- endif -%}
    {{ return(adapter.dispatch('customer_io_grants', 'nexus_customer_io')(role, warehouse)) }}
{% endmacro %}

{#- Collect the sync models (meta customer_io.sync_type) and check the names. -#}
{% macro _cio_grant_models(m, role, warehouse) %}
    {%- for arg_name, value in [('role', role), ('warehouse', warehouse)] -%}
        {%- if value is not none and not modules.re.match('^[A-Za-z_][A-Za-z0-9_$]*$', value | string) -%}
            {{ nexus_customer_io._cio_raise(m, "argument `" ~ arg_name ~ "` must be a plain identifier (letters, digits, _ and $), got `" ~ value ~ "`.") }}
        {%- endif -%}
    {%- endfor -%}
    {#- once each: a deletions model has one sync per event -#}
    {%- set models = nexus_customer_io._cio_sync_models(m) | map(attribute='1') | unique(attribute='unique_id')
        | sort(attribute='name') | list -%}
    {%- if not models -%}
        {%- do print("No model has meta: {customer_io: {sync_type: ...}}; nothing to grant.") -%}
    {%- endif -%}
    {{ return(models) }}
{% endmacro %}

{#- Postgres: usage on the schema, select on the sync models, create on the
    database for Customer.io's own schema. -#}
{% macro postgres__customer_io_grants(role, warehouse) %}
    {%- if not execute -%}{{ return('') }}{%- endif -%}
    {%- set models = nexus_customer_io._cio_grant_models('customer_io_grants', role, warehouse) -%}
    {%- if not models -%}{{ return('') }}{%- endif -%}
    {%- do print("-- Least privilege for the role Customer.io's Reverse ETL connects with.") -%}
    {%- for database in models | map(attribute='database') | unique | list -%}
        {%- do print("grant connect, create on database " ~ database ~ " to " ~ role ~ ";  -- create: for Customer.io's own __customerio_reverse_etl schema") -%}
    {%- endfor -%}
    {%- for schema in models | map(attribute='schema') | unique | list -%}
        {%- do print("grant usage on schema " ~ schema ~ " to " ~ role ~ ";") -%}
    {%- endfor -%}
    {%- for node in models -%}
        {%- do print("grant select on " ~ node.schema ~ "." ~ node.alias ~ " to " ~ role ~ ";") -%}
    {%- endfor -%}
{% endmacro %}

{#- DuckDB has no roles: a DuckDB development target prints the grants for
    the Snowflake production target. -#}
{% macro duckdb__customer_io_grants(role, warehouse) %}
    {{ return(nexus_customer_io.snowflake__customer_io_grants(role, warehouse)) }}
{% endmacro %}

{% macro default__customer_io_grants(role, warehouse) %}{{ nexus_customer_io._cio_unsupported('customer_io_grants') }}{% endmacro %}

{#- Snowflake: usage on the warehouse, database and schema, select on the sync
    models, create schema for Customer.io's own schema. -#}
{% macro snowflake__customer_io_grants(role, warehouse) %}
    {%- if not execute -%}{{ return('') }}{%- endif -%}
    {%- set models = nexus_customer_io._cio_grant_models('customer_io_grants', role, warehouse) -%}
    {%- if not models -%}{{ return('') }}{%- endif -%}
    {%- set databases = models | map(attribute='database') | unique | list -%}
    {%- do print("-- Least privilege for the role Customer.io's Reverse ETL connects with.") -%}
    {%- do print("-- Run as a role that owns these objects (or SECURITYADMIN); nothing else is granted.") -%}
    {%- if warehouse -%}
        {%- do print("grant usage on warehouse " ~ warehouse ~ " to role " ~ role ~ ";  -- to run the sync queries") -%}
    {%- endif -%}
    {%- for database in databases -%}
        {%- do print("grant usage on database " ~ database ~ " to role " ~ role ~ ";") -%}
        {%- do print("grant create schema on database " ~ database ~ " to role " ~ role ~ ";  -- for Customer.io's own __customerio_reverse_etl schema") -%}
    {%- endfor -%}
    {%- for schema in models | map(attribute='schema') | unique | list -%}
        {%- set database = (models | selectattr('schema', 'equalto', schema) | first).database -%}
        {%- do print("grant usage on schema " ~ database ~ "." ~ schema ~ " to role " ~ role ~ ";") -%}
    {%- endfor -%}
    {%- for node in models -%}
        {%- set kind = 'view' if node.config.materialized == 'view' else 'table' -%}
        {%- do print("grant select on " ~ kind ~ " " ~ node.database ~ "." ~ node.schema ~ "." ~ node.alias ~ " to role " ~ role ~ ";") -%}
    {%- endfor -%}
{% endmacro %}

{#- BigQuery: IAM, not roles. `role` is the member to grant to
    (serviceAccount:..., user:..., group:...). Query jobs run in a project, so
    their role is printed as a gcloud line; each sync model gets BigQuery's
    GRANT of roles/bigquery.dataViewer on that table or view alone.
    `warehouse` does not apply. -#}
{% macro bigquery__customer_io_grants(role, warehouse) %}
    {%- if not execute -%}{{ return('') }}{%- endif -%}
    {%- set m = 'customer_io_grants' -%}
    {%- if not modules.re.match('^(serviceAccount|user|group):[A-Za-z0-9._%+@-]+$', role | string) -%}
        {%- set msg_text -%}
            argument `role` must be the member to grant to on BigQuery
            (serviceAccount:name@project.iam.gserviceaccount.com, user:..., group:...), got
            `{{ role }}`.
        {%- endset -%}
        {{ nexus_customer_io._cio_raise(m, msg_text) }}
    {%- endif -%}
    {%- set models = nexus_customer_io._cio_grant_models(m, none, none) -%}
    {%- if not models -%}{{ return('') }}{%- endif -%}
    {%- do print("-- Least privilege for the service account Customer.io's Reverse ETL connects with.") -%}
    {%- do print("-- Project level, to run the sync queries as query jobs (run with gcloud):") -%}
    {%- for project in models | map(attribute='database') | unique | list -%}
        {%- set binding -%}
            --   gcloud projects add-iam-policy-binding {{ project }} --member="{{ role }}" --role="roles/bigquery.jobUser"
        {%- endset -%}
        {%- do print(binding | trim) -%}
    {%- endfor -%}
    {%- do print("-- Run the GRANT statements in BigQuery as an owner of the dataset; nothing else is granted.") -%}
    {%- for node in models -%}
        {%- set kind = 'view' if node.config.materialized == 'view' else 'table' -%}
        {%- set grant -%}
            grant `roles/bigquery.dataViewer` on {{ kind }} `{{ node.database }}`.`{{ node.schema }}`.`{{ node.alias }}` to "{{ role }}";
        {%- endset -%}
        {%- do print(grant | trim) -%}
    {%- endfor -%}
{% endmacro %}
