#!/usr/bin/env python3
"""Generate a small, realistic, deterministic dbt-nexus demo data set.

Writes four CSV seeds shaped like the final tables of dbt-nexus v0.13
(see docs: nexus-tables) for a multi-location clinic:

    nexus_entities.csv             ~300 persons + 5 locations (groups)
    nexus_events.csv               ~2000 events over 2024
    nexus_entity_participants.csv  patient / companion / location participants
    nexus_relationships.csv        person <-> location memberships

Usage:
    python demo/generate.py [--out DIR]     (default: demo/seeds next to this file)

Standard library only; fully deterministic (random.Random(42), fixed clock).
Empty CSV cells mean NULL. Column types are declared in demo/seeds/_seeds.yml.

Deliberate mess (mirrors what dbt-nexus really produces):
  * ~10% of persons have no email, ~15% no user_id, a few have neither;
  * 3 pairs of persons whose emails differ only by case and/or surrounding
    spaces -- dbt-nexus keeps them as two entities and keeps the raw value;
  * signed_up_at is ISO text, mostly `...Z`, some with a local UTC offset;
  * every trait is text; person-only traits are null on groups and vice versa;
  * ~3% of events are ingested several days after they occurred;
  * ~10% of events have a companion; twice the companion is the patient
    themself (same person, two roles in one event);
  * ~15% of persons belong to two locations, a few memberships are inactive,
    and ~5 memberships are declared the other way round (entity_a = location).
"""
from __future__ import annotations

import argparse
import csv
import random
from datetime import datetime, timedelta, timezone
from pathlib import Path

SEED = 42
N_PERSONS = 300
N_EPISODES = 680  # appointment episodes; ~2.9 events each -> ~2000 events
YEAR_START = datetime(2024, 1, 1)
BUILD_AT = datetime(2025, 1, 8, 6, 0, 0)  # when "dbt built" the nexus tables (UTC)

ENTITY_COLUMNS = [
    "entity_id", "entity_type",
    # traits (all text)
    "email", "first_name", "last_name", "phone", "user_id", "signed_up_at",
    "plan", "unsubscribed",
    "location_id", "location_name", "city", "timezone",
    # nexus bookkeeping
    "traits_entity_id", "_processed_at", "_updated_at", "_created_at",
    "_last_merged_at", "last_interaction_at", "first_interaction_at",
]
PERSON_TRAITS = ["email", "first_name", "last_name", "phone", "user_id",
                 "signed_up_at", "plan", "unsubscribed"]
GROUP_TRAITS = ["location_id", "location_name", "city", "timezone"]

EVENT_COLUMNS = [
    "event_id", "occurred_at", "event_name", "event_description", "event_type",
    "significance", "source", "source_table", "_ingested_at", "_processed_at",
]
PARTICIPANT_COLUMNS = [
    "entity_participant_id", "entity_type", "event_id", "entity_id", "role",
    "occurred_at",
]
RELATIONSHIP_COLUMNS = [
    "relationship_id",
    "entity_a_id", "entity_a_type", "entity_a_role",
    "entity_b_id", "entity_b_type", "entity_b_role",
    "relationship_type", "relationship_direction", "is_active",
    "established_at", "last_updated_at", "primary_source",
    "_processed_at", "_updated_at", "_created_at",
]

# (location_id, name, city, IANA timezone, region used for phone/offsets)
LOCATIONS = [
    ("loc_01", "Back Bay Clinic", "Boston", "America/New_York", "us_east"),
    ("loc_02", "Wicker Park Clinic", "Chicago", "America/Chicago", "us_central"),
    ("loc_03", "LoDo Clinic", "Denver", "America/Denver", "us_mountain"),
    ("loc_04", "Capitol Hill Clinic", "Seattle", "America/Los_Angeles", "us_pacific"),
    ("loc_05", "Mitte Clinic", "Berlin", "Europe/Berlin", "eu"),
]
LOCATION_WEIGHTS = [30, 22, 16, 20, 12]
STANDARD_OFFSET_H = {"us_east": -5, "us_central": -6, "us_mountain": -7,
                     "us_pacific": -8, "eu": 1}
AREA_CODES = {"us_east": "617", "us_central": "312", "us_mountain": "303",
              "us_pacific": "206"}

FIRST_NAMES = [
    "Ann", "Ben", "Carla", "David", "Elena", "Farid", "Grace", "Hannah", "Ivan",
    "Julia", "Kevin", "Laura", "Marco", "Nina", "Omar", "Priya", "Quinn",
    "Rosa", "Sam", "Tara", "Uma", "Victor", "Wendy", "Xavier", "Yara", "Zoe",
    "Lukas", "Mia", "Jonas", "Lea", "Noah", "Emma", "Liam", "Sofia", "Ethan",
    "Chloe", "Mateo", "Aisha", "Hiro", "Ines",
]
LAST_NAMES = [
    "Lee", "Smith", "Garcia", "Nguyen", "Johnson", "Brown", "Martinez", "Khan",
    "Müller", "Schmidt", "Rossi", "Kowalski", "Patel", "Kim", "Chen", "Lopez",
    "Davis", "Wilson", "Anderson", "Taylor", "Thomas", "Moore", "Jackson",
    "White", "Harris", "Clark", "Lewis", "Walker", "Young", "O'Brien",
    "Fischer", "Weber", "Becker", "Silva", "Costa", "Novak", "Ito", "Sato",
    "Haddad", "Okafor",
]
EMAIL_DOMAINS = ["example.com", "example.com", "example.org", "example.net"]
PLANS = ["basic", "plus", "premium"]

# event_name -> (event_type, significance, source, source_table)
EVENT_SPECS = {
    "appointment scheduled": ("appointment", 0.5, "lobbie", "appointments"),
    "appointment completed": ("appointment", 1.0, "lobbie", "appointments"),
    "appointment cancelled": ("appointment", 0.25, "lobbie", "appointments"),
    "payment completed": ("payment", 0.8, "stripe", "charges"),
    "intake form submitted": ("form", 0.4, "lobbie", "intake_forms"),
}
SERVICES = ["initial consultation", "follow-up visit", "physiotherapy session",
            "annual check-up", "nutrition counselling", "lab work review"]
SERVICE_PRICES = {"initial consultation": 150.0, "follow-up visit": 90.0,
                  "physiotherapy session": 110.0, "annual check-up": 180.0,
                  "nutrition counselling": 75.0, "lab work review": 60.0}


# --------------------------------------------------------------------------- #
# time helpers
# --------------------------------------------------------------------------- #
def fmt_ts(dt: datetime) -> str:
    """Naive UTC timestamp, as dbt-nexus TIMESTAMP columns."""
    return dt.strftime("%Y-%m-%d %H:%M:%S")


def fmt_tstz(dt: datetime) -> str:
    """TIMESTAMP WITH TIME ZONE value, written with an explicit UTC offset."""
    return dt.strftime("%Y-%m-%d %H:%M:%S") + "+00:00"


def _last_sunday(year: int, month: int) -> datetime:
    d = datetime(year, month + 1, 1) - timedelta(days=1) if month < 12 else datetime(year, 12, 31)
    return d - timedelta(days=(d.weekday() + 1) % 7)


def _nth_sunday(year: int, month: int, n: int) -> datetime:
    d = datetime(year, month, 1)
    d += timedelta(days=(6 - d.weekday()) % 7)
    return d + timedelta(weeks=n - 1)


def utc_offset_hours(region: str, utc_dt: datetime) -> int:
    """UTC offset of a region at a UTC instant (EU / US DST rules, close enough)."""
    std = STANDARD_OFFSET_H[region]
    y = utc_dt.year
    if region == "eu":
        start = _last_sunday(y, 3) + timedelta(hours=1)
        end = _last_sunday(y, 10) + timedelta(hours=1)
    else:
        start = _nth_sunday(y, 3, 2) + timedelta(hours=2 - std)
        end = _nth_sunday(y, 11, 1) + timedelta(hours=1 - std)
    return std + 1 if start <= utc_dt < end else std


def fmt_iso_trait(utc_dt: datetime, offset_h: int | None) -> str:
    """ISO-8601 text trait: `...Z` (offset None) or local time with `+HH:MM`."""
    if offset_h is None:
        return utc_dt.strftime("%Y-%m-%dT%H:%M:%SZ")
    local = (utc_dt.replace(tzinfo=timezone.utc)
             .astimezone(timezone(timedelta(hours=offset_h))))
    return local.isoformat(timespec="seconds")


def rand_between(rng: random.Random, start: datetime, end: datetime) -> datetime:
    span = int((end - start).total_seconds())
    return start + timedelta(seconds=rng.randrange(span))


# --------------------------------------------------------------------------- #
# generation
# --------------------------------------------------------------------------- #
def make_phone(rng: random.Random, region: str) -> str:
    if region == "eu":
        return f"+49 30 {rng.randrange(1000, 9999)} {rng.randrange(1000, 9999)}"
    area = AREA_CODES[region]
    line = rng.randrange(100, 10000)
    style = rng.random()
    if style < 0.6:
        return f"+1 {area}-555-{line:04d}"
    if style < 0.85:
        return f"({area}) 555-{line:04d}"
    return f"{area}555{line:04d}"


def generate(rng: random.Random):
    # ---- locations -------------------------------------------------------- #
    groups = []
    for i, (loc_id, name, city, tz, region) in enumerate(LOCATIONS, start=1):
        groups.append({
            "entity_id": f"grp_loc_{i:02d}", "entity_type": "group",
            "location_id": loc_id, "location_name": name, "city": city,
            "timezone": tz, "_region": region,
        })

    # ---- persons: identity & traits --------------------------------------- #
    persons = []
    used_emails: set[str] = set()  # normalised (lower + strip)
    for i in range(1, N_PERSONS + 1):
        first, last = rng.choice(FIRST_NAMES), rng.choice(LAST_NAMES)
        locs = rng.choices(range(len(groups)), weights=LOCATION_WEIGHTS)
        if rng.random() < 0.17:  # some dup-pair twins are reset to one location
            other = rng.choice([g for g in range(len(groups)) if g != locs[0]])
            locs.append(other)
        persons.append({
            "entity_id": f"per_{i:04d}", "entity_type": "person",
            "first_name": first, "last_name": last, "_locs": locs,
            "_region": groups[locs[0]]["_region"],
        })

    idx = list(range(N_PERSONS))
    rng.shuffle(idx)
    null_email = set(idx[:30])                      # 10% without email
    neither = set(idx[:4])                          # ...4 of them without user_id too
    null_uid = neither | set(idx[30:71])            # 45 (15%) without user_id
    dup_pairs = [(idx[80 + 2 * k], idx[81 + 2 * k]) for k in range(3)]
    dup_second = {b for _, b in dup_pairs}

    def local_part(p):
        raw = f"{p['first_name']}.{p['last_name']}"
        return raw.replace("ü", "ue").replace("'", "")

    for n, p in enumerate(persons):
        if n in null_email or n in dup_second:
            p["email"] = None
            continue
        base = local_part(p)
        domain = rng.choice(EMAIL_DOMAINS)
        cand, k = f"{base}@{domain}", 1
        while cand.lower() in used_emails:
            k += 1
            cand = f"{base}{k}@{domain}"
        used_emails.add(cand.lower())
        # most addresses are typed in lower case, some keep capitalisation
        p["email"] = cand if rng.random() < 0.25 else cand.lower()

    # case/space duplicates: same human, second registration
    variants = [
        lambda e: f" {e.lower()} ",        # lower case + surrounding spaces
        lambda e: e.upper(),               # shouting
        lambda e: f"{e.lower()} ",         # lower case + trailing space
    ]
    for (a, b), variant in zip(dup_pairs, variants):
        pa, pb = persons[a], persons[b]
        used_emails.discard(pa["email"].lower())
        cand, k = f"{local_part(pa)}@example.com", 1   # keep Capitalised form
        while cand.lower() in used_emails:
            k += 1
            cand = f"{local_part(pa)}{k}@example.com"
        pa["email"] = cand
        used_emails.add(cand.lower())
        pb["first_name"], pb["last_name"] = pa["first_name"], pa["last_name"]
        pb["email"] = variant(pa["email"])
        pb["_locs"] = list(pa["_locs"][:1])
        pb["_region"] = pa["_region"]

    for n, p in enumerate(persons):
        region = p["_region"]
        p["phone"] = make_phone(rng, region) if rng.random() < 0.8 else None
        p["user_id"] = None if n in null_uid else f"u_{n + 1:04d}"
        if p["user_id"] is not None:
            signed = rand_between(rng, datetime(2022, 6, 1), datetime(2024, 11, 30))
            p["_signed_up"] = signed
            r = rng.random()
            if region == "eu" and r < 0.8:
                offset = utc_offset_hours(region, signed)        # +01:00 / +02:00
            elif region != "eu" and r < 0.06:
                offset = utc_offset_hours(region, signed)        # e.g. -05:00
            else:
                offset = None                                    # ...Z
            p["signed_up_at"] = fmt_iso_trait(signed, offset)
            p["plan"] = rng.choices(PLANS + [None], weights=[50, 25, 10, 15])[0]
        else:
            p["_signed_up"] = None
            p["signed_up_at"] = None
            p["plan"] = None
        r = rng.random()
        p["unsubscribed"] = "true" if r < 0.05 else ("false" if r < 0.20 else None)

    # ---- events ----------------------------------------------------------- #
    # skewed activity: ~20% of persons never are a patient, a few are heavy users
    weights = []
    for n, p in enumerate(persons):
        weights.append(0.0 if rng.random() < 0.2 else min(rng.paretovariate(1.3), 12.0))
    episodes_per_person = [0] * N_PERSONS
    for n in rng.choices(range(N_PERSONS), weights=weights, k=N_EPISODES):
        episodes_per_person[n] += 1

    raw_events = []  # dicts without ids yet
    for n, p in enumerate(persons):
        k = episodes_per_person[n]
        if not k:
            continue
        earliest = YEAR_START
        if p["_signed_up"] is not None and p["_signed_up"] > earliest:
            earliest = p["_signed_up"]
        latest = datetime(2024, 12, 1)
        if earliest >= latest:
            earliest = datetime(2024, 11, 1)
        starts = sorted(rand_between(rng, earliest, latest) for _ in range(k))
        first_episode = True
        for start in starts:
            g = p["_locs"][0] if len(p["_locs"]) == 1 or rng.random() < 0.7 \
                else p["_locs"][1]
            loc = groups[g]
            service = rng.choice(SERVICES)
            raw_events.append(dict(name="appointment scheduled", at=start,
                                   person=n, loc=g, service=service))
            if first_episode and rng.random() < 0.85:
                raw_events.append(dict(name="intake form submitted",
                                       at=start + timedelta(minutes=rng.randrange(5, 3 * 24 * 60)),
                                       person=n, loc=None, service=service))
            first_episode = False
            # appointment in clinic hours, local time
            day = (start + timedelta(days=rng.randrange(1, 22))).date()
            local_hour = rng.randrange(8, 18)
            appt_local = datetime(day.year, day.month, day.day, local_hour,
                                  rng.choice([0, 15, 30, 45]))
            appt = appt_local - timedelta(hours=STANDARD_OFFSET_H[loc["_region"]])
            if appt <= start:
                appt = start + timedelta(hours=2)
            if rng.random() < 0.18:
                raw_events.append(dict(name="appointment cancelled",
                                       at=appt - timedelta(hours=rng.randrange(2, 72)),
                                       person=n, loc=g, service=service))
                if raw_events[-1]["at"] <= start:
                    raw_events[-1]["at"] = start + timedelta(minutes=30)
                continue
            raw_events.append(dict(name="appointment completed",
                                   at=appt + timedelta(minutes=rng.randrange(30, 75)),
                                   person=n, loc=g, service=service))
            if rng.random() < 0.9:
                raw_events.append(dict(name="payment completed",
                                       at=appt + timedelta(minutes=rng.randrange(45, 60 * 48)),
                                       person=n, loc=None, service=service))

    raw_events.sort(key=lambda e: (e["at"], e["person"], e["name"]))

    # companions: a pool of ~40 persons (partners, parents) incl. non-patients
    companion_pool = rng.sample(range(N_PERSONS), 40)
    events, participants = [], []
    self_companion_left = 2

    def add_participant(ev, entity, etype, role):
        participants.append({
            "entity_participant_id": f"ep_{len(participants) + 1:06d}",
            "entity_type": etype, "event_id": ev["event_id"],
            "entity_id": entity["entity_id"], "role": role,
            "occurred_at": ev["occurred_at"],
        })

    for i, e in enumerate(raw_events, start=1):
        etype, sig, source, table = EVENT_SPECS[e["name"]]
        loc = groups[e["loc"]] if e["loc"] is not None else None
        service = e["service"]
        if e["name"] == "payment completed":
            desc = f"Payment of ${SERVICE_PRICES[service]:.2f} for {service}"
        elif e["name"] == "intake form submitted":
            desc = "New patient intake form submitted"
        else:
            desc = f"{e['name'].capitalize()}: {service} at {loc['location_name']}"
        late = rng.random() < 0.03
        lag = (timedelta(days=rng.randrange(2, 6), minutes=rng.randrange(0, 600)) if late
               else timedelta(minutes=rng.randrange(3, 360)))
        ev = {
            "event_id": f"evt_{i:05d}", "occurred_at": fmt_ts(e["at"]),
            "event_name": e["name"], "event_description": desc,
            "event_type": etype, "significance": str(sig),
            "source": source, "source_table": table,
            "_ingested_at": fmt_ts(e["at"] + lag),
            "_processed_at": fmt_tstz(BUILD_AT),
        }
        events.append(ev)
        patient = persons[e["person"]]
        add_participant(ev, patient, "person", "patient")
        if e["name"] != "payment completed" and rng.random() < 0.125:
            if self_companion_left and i % 7 == 0:
                companion = patient            # same person, second role
                self_companion_left -= 1
            else:
                c = rng.choice(companion_pool)
                while c == e["person"]:
                    c = rng.choice(companion_pool)
                companion = persons[c]
            add_participant(ev, companion, "person", "companion")
        if etype == "appointment":
            add_participant(ev, loc, "group", "location")

    # ---- entity bookkeeping timestamps ------------------------------------ #
    by_entity: dict[str, list[str]] = {}
    for pt in participants:
        by_entity.setdefault(pt["entity_id"], []).append(pt["occurred_at"])

    for p in persons:
        times = by_entity.get(p["entity_id"])
        first_i = min(times) if times else None
        p["first_interaction_at"] = first_i
        p["last_interaction_at"] = max(times) if times else None
        candidates = [t for t in (p["_signed_up"],
                                  datetime.fromisoformat(first_i) if first_i else None) if t]
        created = min(candidates) if candidates else \
            rand_between(rng, datetime(2023, 1, 1), datetime(2024, 12, 20))
        p["_created"] = created
        updated = rand_between(rng, created, max(created + timedelta(hours=1),
                                                 min(BUILD_AT, created + timedelta(days=200))))
        p["_updated_at"] = fmt_ts(updated)
        p["_created_at"] = fmt_ts(created)
        p["_last_merged_at"] = fmt_ts(rand_between(rng, created, updated + timedelta(hours=1)))

    for n, g in enumerate(groups):
        times = by_entity.get(g["entity_id"], [])
        g["first_interaction_at"] = min(times) if times else None
        g["last_interaction_at"] = max(times) if times else None
        created = datetime.fromisoformat(g["first_interaction_at"]) if times else YEAR_START
        # traits declared in the location sheet, long before the first appointment
        updated = datetime(2023, 9, 1 + 3 * n, 10, 0, 0) if n != 2 else \
            created + timedelta(days=40)
        g["_created"] = created
        g["_created_at"] = fmt_ts(created)
        g["_updated_at"] = fmt_ts(updated)
        g["_last_merged_at"] = fmt_ts(created)

    # ---- relationships ---------------------------------------------------- #
    relationships = []
    reversed_left = 5
    person_idx = list(range(N_PERSONS))
    reversed_set = set(rng.sample(person_idx, 5))
    inactive_candidates = [n for n in person_idx if len(persons[n]["_locs"]) == 2]
    inactive_set = set(rng.sample(inactive_candidates, 6))
    inactive_single = set(rng.sample([n for n in person_idx
                                      if len(persons[n]["_locs"]) == 1], 2))
    for n, p in enumerate(persons):
        for j, g in enumerate(p["_locs"]):
            loc = groups[g]
            established = p["_created"] - timedelta(days=rng.randrange(0, 30),
                                                    minutes=rng.randrange(0, 600))
            last_updated = established + timedelta(days=rng.randrange(0, 240),
                                                   minutes=rng.randrange(0, 600))
            last_updated = min(last_updated, BUILD_AT - timedelta(days=2))
            if last_updated < established:
                last_updated = established
            is_active = not ((j == 1 and n in inactive_set)
                             or (j == 0 and n in inactive_single))
            if n in reversed_set and j == 0 and reversed_left:
                reversed_left -= 1
                a, a_type, a_role = loc, "group", "location"
                b, b_type, b_role = p, "person", "member"
            else:
                a, a_type, a_role = p, "person", "member"
                b, b_type, b_role = loc, "group", "location"
            relationships.append({
                "relationship_id": f"rel_{len(relationships) + 1:04d}",
                "entity_a_id": a["entity_id"], "entity_a_type": a_type,
                "entity_a_role": a_role,
                "entity_b_id": b["entity_id"], "entity_b_type": b_type,
                "entity_b_role": b_role,
                "relationship_type": "membership",
                "relationship_direction": "a_to_b",
                "is_active": "true" if is_active else "false",
                "established_at": fmt_ts(established),
                "last_updated_at": fmt_ts(last_updated),
                "primary_source": "lobbie",
                "_processed_at": fmt_tstz(BUILD_AT),
                "_updated_at": fmt_ts(last_updated),
                "_created_at": fmt_ts(established),
            })

    # ---- entity rows ------------------------------------------------------- #
    entities = []
    for e in persons + groups:
        row = {c: None for c in ENTITY_COLUMNS}
        row["entity_id"] = e["entity_id"]
        row["entity_type"] = e["entity_type"]
        for t in (PERSON_TRAITS if e["entity_type"] == "person" else GROUP_TRAITS):
            row[t] = e.get(t)
        row["traits_entity_id"] = e["entity_id"]
        row["_processed_at"] = fmt_tstz(BUILD_AT)
        for c in ("_updated_at", "_created_at", "_last_merged_at",
                  "last_interaction_at", "first_interaction_at"):
            row[c] = e[c]
        entities.append(row)

    return entities, events, participants, relationships


def write_csv(path: Path, columns: list[str], rows: list[dict]) -> None:
    with path.open("w", newline="", encoding="utf-8") as fh:
        w = csv.writer(fh, lineterminator="\n")
        w.writerow(columns)
        for r in rows:
            w.writerow(["" if r[c] is None else r[c] for c in columns])


def main(argv: list[str] | None = None) -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--out", type=Path,
                        default=Path(__file__).resolve().parent / "seeds",
                        help="output directory (default: demo/seeds)")
    args = parser.parse_args(argv)
    args.out.mkdir(parents=True, exist_ok=True)

    entities, events, participants, relationships = generate(random.Random(SEED))
    outputs = [
        ("nexus_entities.csv", ENTITY_COLUMNS, entities),
        ("nexus_events.csv", EVENT_COLUMNS, events),
        ("nexus_entity_participants.csv", PARTICIPANT_COLUMNS, participants),
        ("nexus_relationships.csv", RELATIONSHIP_COLUMNS, relationships),
    ]
    for name, cols, rows in outputs:
        write_csv(args.out / name, cols, rows)
        print(f"wrote {args.out / name} ({len(rows)} rows)")


if __name__ == "__main__":
    main()
