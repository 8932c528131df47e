select
    event_id,
    channel,
    device
from {{ ref('nexus_event_dimensions_seed') }}
