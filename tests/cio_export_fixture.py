"""The fixture of Customer.io's data warehouse export: the Deliveries, Metrics
and People files as a project loads them, column for column as
docs/activity.md cites them, with the cases the activity source must handle.

    .venv/bin/python tests/cio_export_fixture.py   # writes integration_tests/seeds/cio_export/

tests/test_activity.py checks that the committed seeds are what this writes.
The people are the integration project's: u_ann2, u_03, u_18 (by email only),
u_10 (deleted in Customer.io), u_dup (suppressed), and one person Customer.io
has no People row for.
"""
from __future__ import annotations

import csv
from pathlib import Path

SEEDS = Path(__file__).resolve().parents[1] / "integration_tests" / "seeds" / "cio_export"
WORKSPACE = 111

# Customer.io's column names, in the files' order (docs/activity.md, "The data warehouse export").
DELIVERIES = ["workspace_id", "delivery_id", "internal_customer_id", "subject_id", "event_id", "delivery_type",
              "campaign_id", "action_id", "newsletter_id", "content_id", "trigger_id", "created_at",
              "transactional_message_id", "seq_num"]
METRICS = ["event_id", "workspace_id", "delivery_id", "metric", "reason", "link_id", "link_url", "created_at",
           "seq_num", "proxied", "prefetched", "machine", "user_agent", "email_client", "inbox_domain",
           "inbox_provider", "mx_host"]
PEOPLE = ["workspace_id", "customer_id", "internal_customer_id", "deleted", "suppressed", "created_at",
          "updated_at", "email_addr"]


def t(day: int, hour: int, minute: int = 0) -> str:
    return f"2024-05-{day:02d} {hour:02d}:{minute:02d}:00"


def people() -> list[dict]:
    rows = [
        # (customer_id, internal id, deleted, suppressed, updated, email)
        ("u_ann2", "cio_01", "false", "false", t(1, 8), "ann@example.com"),
        ("u_03", "cio_02", "false", "false", t(1, 8), ""),                         # known by id alone
        ("", "cio_03", "false", "false", t(1, 8), "O'Brien@example.com"),           # known by email alone
        ("u_10", "cio_04", "true", "false", t(3, 9), "tie@example.com"),            # deleted in Customer.io
        ("u_dup", "cio_05", "false", "false", t(1, 8), "x9@example.com"),
        ("u_dup", "cio_05", "false", "true", t(4, 12), "x9@example.com"),           # a later export: suppressed
    ]
    return [dict(zip(PEOPLE, [WORKSPACE, c, i, d, s, t(1, 0), u, e])) for c, i, d, s, u, e in rows]


def deliveries() -> list[dict]:
    rows = [
        # (delivery, person, type, campaign, action, newsletter, content, trigger, transactional, created, seq)
        ("d1", "cio_01", "email", 10, 100, "", "", "", "", t(2, 9), 1),
        ("d2", "cio_01", "email", "", "", 20, 2, "", "", t(2, 10), 2),
        ("d3", "cio_02", "push", 10, 101, "", "", "", "", t(2, 11), 3),
        ("d4", "cio_03", "email", "", 102, "", "", 30, "", t(2, 12), 4),
        ("d5", "cio_04", "email", 10, 100, "", "", "", "", t(2, 13), 5),
        ("d6", "cio_05", "sms", "", "", "", "", "", 40, t(2, 14), 6),
        ("d7", "cio_06", "in_app", 11, 110, "", "", "", "", t(2, 15), 7),
        ("d1", "cio_01", "email", 10, 100, "", "", "", "", t(2, 9), 8),             # d1 exported again
    ]
    return [dict(zip(DELIVERIES, [WORKSPACE, d, p, f"sub_{d}" if c else "", "", ty, c, a, n, co, tr, cr, tx, sq]))
            for d, p, ty, c, a, n, co, tr, tx, cr, sq in rows]


def metrics() -> list[dict]:
    rows = [
        # (event, delivery, metric, reason, link id, link url, created, seq)
        ("m01", "d1", "sent", "", "", "", t(2, 9, 1), 1),
        ("m02", "d1", "delivered", "", "", "", t(2, 9, 2), 2),
        ("m03", "d1", "opened", "", "", "", t(2, 9, 30), 3),
        ("m04", "d1", "clicked", "", 7, "https://clinic.example.com/book?utm=cio", t(2, 9, 31), 4),
        ("m05", "d1", "converted", "", "", "", t(2, 10, 0), 5),
        ("m06", "d2", "sent", "", "", "", t(2, 10, 1), 6),
        ("m07", "d2", "bounced", "550 5.1.1 mailbox unavailable", "", "", t(2, 10, 2), 7),   # a bounce, no open
        ("m08", "d3", "sent", "", "", "", t(2, 11, 1), 8),
        ("m09", "d3", "opened", "", "", "", t(2, 11, 5), 9),
        ("m10", "d4", "delivered", "", "", "", t(2, 12, 1), 10),
        ("m11", "d4", "unsubscribed", "", "", "", t(2, 12, 20), 11),
        ("m12", "d5", "sent", "", "", "", t(2, 13, 1), 12),
        ("m13", "d6", "sent", "", "", "", t(2, 14, 1), 13),
        ("m14", "d6", "failed", "invalid number", "", "", t(2, 14, 2), 14),
        ("m15", "d7", "clicked", "", "", "", t(2, 15, 3), 15),
        ("m16", "d2", "spammed", "", "", "", t(2, 10, 30), 16),
        ("m03", "d1", "opened", "", "", "", t(2, 9, 30), 17),                        # m03 exported again
    ]
    out = []
    for e, d, m, r, li, lu, cr, sq in rows:
        opened = m == "opened"
        out.append(dict(zip(METRICS, [e, WORKSPACE, d, m, r, li, lu, cr, sq, "false" if opened else "",
                                      "false" if opened else "", "false" if m == "clicked" else "",
                                      "Mozilla/5.0" if opened else "", "Gmail" if opened else "",
                                      "example.com" if opened else "", "Google" if opened else "",
                                      "mx.example.com" if opened else ""])))
    return out


FILES = {"cio_export_deliveries_seed": (DELIVERIES, deliveries), "cio_export_metrics_seed": (METRICS, metrics),
         "cio_export_people_seed": (PEOPLE, people)}


def rendered() -> dict[str, str]:
    """file name -> the CSV text this writes."""
    import io

    texts = {}
    for name, (columns, rows) in FILES.items():
        buffer = io.StringIO()
        writer = csv.DictWriter(buffer, fieldnames=columns, lineterminator="\n")
        writer.writeheader()
        writer.writerows(rows())
        texts[f"{name}.csv"] = buffer.getvalue()
    return texts


if __name__ == "__main__":
    SEEDS.mkdir(parents=True, exist_ok=True)
    for name, text in rendered().items():
        (SEEDS / name).write_text(text)
        print(SEEDS / name)
