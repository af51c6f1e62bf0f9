"""Broken variants of the sample exports, each named after the ONE thing it breaks.

`broken/expected.yaml` lists, per file, the expected import status (`rejected` or `partial`),
the problem codes (shared list), and for partial imports the rows loaded and rejected. Files
whose export does not name its account list the `account` to pass with `--account` (except the
one that tests exactly that). Table-driven test material for the data contracts.
"""

from __future__ import annotations

import csv
import io
import random
import zlib
from datetime import date, datetime, timedelta

import yaml

from sample_data import gen_linkedin, gen_meta, gen_tiktok, gen_x, gen_youtube
from sample_data.truth import Truth, day_range
from sample_data.writers import Cell, csv_text, meta_daily_bytes, utf8_bom, xlsx_bytes, zip_bytes

WHEN = datetime(2026, 11, 2, 9, 0)


def _fb_posts(truth: Truth, count: int) -> tuple[list[str], list[list[Cell]]]:
    rng = random.Random(f"{truth.seed}:broken:facebook")
    header = gen_meta._fb_header("Views", 0)
    posts = truth.posts_between("facebook", date(2026, 10, 1), date(2026, 10, 31))[-count:]
    rows = [[gen_meta._fb_row(p, date(2026, 11, 1), rng)[h] for h in header] for p in posts]
    return header, rows


def _x_overview_rows(truth: Truth, days: list[date]) -> list[list[Cell]]:
    rows: list[list[Cell]] = []
    for day in reversed(days):
        values = gen_x._overview_values(truth, day)
        rows.append([gen_x.premium_date(day), *(values[h] for h in gen_x.OVERVIEW_HEADER[1:])])
    return rows


def _x_content_rows(truth: Truth, count: int) -> list[list[Cell]]:
    rows: list[list[Cell]] = []
    posts = truth.posts_between("x", date(2026, 10, 20), date(2026, 10, 31))[-count:]
    for post in reversed(posts):
        v = gen_x._content_values(post, date(2026, 11, 1))
        rows.append(
            [post.post_id, gen_x.premium_date(post.published.date()), post.text,
             f"https://x.com/northwindpolicy/status/{post.post_id}", v["impressions"], v["likes"],
             v["engagements"], v["bookmarks"], v["shares"], v["follows"], v["replies"],
             v["reposts"], v["profile_visits"], v["detail_expands"], v["url_clicks"],
             v["hashtag_clicks"], v["permalink_clicks"]]
        )  # fmt: skip
    return rows


def _resaved_by_spreadsheet(truth: Truth) -> bytes:
    """The legacy tweet activity export as a spreadsheet program saves it again: cp1252 text,
    ids shown in scientific notation with 2 significant digits, times without leading zeros."""
    [(_name, content)] = gen_x.legacy_tweet_activity(truth.seed).items()
    header, *rows = list(csv.reader(io.StringIO(content.decode("utf-8"))))
    out: list[list[Cell]] = [header]
    for row in rows[:12]:
        when = datetime.strptime(row[3], "%Y-%m-%d %H:%M +0000")
        tweet_id = int(row[0])
        row = [f"{tweet_id:.1E}", row[1], row[2].replace("budgets", "budgets é"),
               f"{when:%Y-%m-%d} {when.hour}:{when.minute}:{when.second}", *row[4:]]  # fmt: skip
        out.append(row)
    return csv_text(out).encode("cp1252", errors="replace")  # emoji become "?"


def _png() -> bytes:
    def chunk(kind: bytes, data: bytes) -> bytes:
        body = kind + data
        return len(data).to_bytes(4, "big") + body + zlib.crc32(body).to_bytes(4, "big")

    header = (1).to_bytes(4, "big") + (1).to_bytes(4, "big") + bytes([8, 0, 0, 0, 0])
    pixels = zlib.compress(b"\x00\x00", 9)
    return (
        b"\x89PNG\r\n\x1a\n" + chunk(b"IHDR", header) + chunk(b"IDAT", pixels) + chunk(b"IEND", b"")
    )


def build_broken(truth: Truth) -> dict[str, bytes]:
    files: dict[str, bytes] = {}
    expected: dict[str, dict[str, object]] = {}

    header, rows = _fb_posts(truth, 6)
    index = header.index("Publish time")
    files["facebook_posts_missing_publish_time_column.csv"] = utf8_bom(
        csv_text(
            [header[:index] + header[index + 1 :], *[r[:index] + r[index + 1 :] for r in rows]],
            quoting="meta",
        )
    )
    expected["facebook_posts_missing_publish_time_column.csv"] = {
        "status": "rejected", "codes": ["missing_column"],
        "note": "required column `Publish time` removed from a Meta Business Suite post export",
    }  # fmt: skip

    header, rows = _fb_posts(truth, 6)
    reach, views = header.index("Reach"), header.index("Views")
    rows[2][reach] = int(str(rows[2][views])) + 250
    files["facebook_posts_reach_exceeds_impressions.csv"] = utf8_bom(
        csv_text([header, *rows], quoting="meta")
    )
    expected["facebook_posts_reach_exceeds_impressions.csv"] = {
        "status": "loaded", "codes": [], "rows_loaded": 6, "rows_rejected": 0,
        "warnings": [{"code": "reach_exceeds_impressions", "row": 4}],
        "note": "data row 3 (file row 4): Reach is 250 more than Views; Meta's own numbers do "
        "that, so the row loads with a warning",
    }  # fmt: skip

    files["tweet_activity_resaved_by_spreadsheet.csv"] = _resaved_by_spreadsheet(truth)
    expected["tweet_activity_resaved_by_spreadsheet.csv"] = {
        "status": "rejected", "codes": ["ids_rounded"], "account": "northwindpolicy",
        "note": "the legacy tweet activity export opened and saved again in a spreadsheet "
        "program: cp1252, Tweet ids as `1.6E+18`, times as `2022-12-30 5:8:54`",
    }  # fmt: skip

    days = day_range(date(2026, 10, 1), date(2026, 10, 10))
    rows = _x_overview_rows(truth, days)
    rows[4][1] = -120
    files["x_overview_negative_impressions_row.csv"] = csv_text(
        [gen_x.OVERVIEW_HEADER, *rows]
    ).encode()
    expected["x_overview_negative_impressions_row.csv"] = {
        "status": "partial", "codes": ["negative_value"], "rows_loaded": 9, "rows_rejected": 1,
        "account": "northwindpolicy", "note": "Impressions -120 on Oct 6, 2026",
    }  # fmt: skip

    rows = _x_content_rows(truth, 6)
    rows[3] = [rows[1][0], *rows[3][1:]]
    files["x_content_duplicate_post_id.csv"] = csv_text([gen_x.HEADER_2026, *rows]).encode()
    expected["x_content_duplicate_post_id.csv"] = {
        "status": "partial", "codes": ["duplicate_id"], "rows_loaded": 5, "rows_rejected": 1,
        "account": "northwindpolicy",
        "note": "data row 4 repeats the Post id of data row 2; the first occurrence is kept",
    }  # fmt: skip

    videos = gen_youtube.build_videos(truth.seed)
    table = gen_youtube.table_data(
        videos, date(2026, 8, 1), date(2026, 10, 31), rich=False
    ).decode()
    lines = table.splitlines()[:8]
    cells = lines[4].rsplit(",", 5)
    cells[1] = "12k"
    lines[4] = ",".join(cells)
    files["youtube_table_unparseable_views_row.csv"] = ("\n".join(lines) + "\n").encode()
    expected["youtube_table_unparseable_views_row.csv"] = {
        "status": "partial", "codes": ["unparseable_number"], "rows_loaded": 5, "rows_rejected": 1,
        "account": "Northwind Policy Institute",
        "note": "Table data.csv with a Total row and 6 videos; the third video's Views is `12k`",
    }  # fmt: skip

    overview: list[list[Cell]] = [
        ["Date", "Video Views", "Profile Views", "Likes", "Comments", "Shares"]
    ]
    for day in day_range(date(2026, 10, 1), date(2026, 10, 7)):
        d = truth.day("tiktok", day)
        overview.append(
            [
                gen_tiktok.tiktok_date(day),
                d["impressions"],
                d["profile_visits"],
                d["reactions"],
                d["comments"],
                d["shares"],
            ]
        )
    overview.append(["October 9", 5120, 40, 230, 21, 35])
    files["tiktok_overview_date_after_export_end.zip"] = zip_bytes(
        [("Overview.csv", gen_tiktok.tiktok_csv(overview))],
        datetime(2026, 10, 8, 10, 15),
        compress=False,
    )
    expected["tiktok_overview_date_after_export_end.zip"] = {
        "status": "partial", "codes": ["date_out_of_range"], "rows_loaded": 7, "rows_rejected": 1,
        "account": "northwindpolicy",
        "note": "downloaded 2026-10-08 (ZIP entry time), covers October 1-7, plus a row for October 9",
    }  # fmt: skip

    files["empty.csv"] = b""
    expected["empty.csv"] = {"status": "rejected", "codes": ["empty_file"], "note": "zero bytes"}

    ig_header = [
        "Post ID", "Account ID", "Account username", "Account name", "Description",
        "Duration (sec)", "Publish time", "Permalink", "Post type", "Data comment", "Date",
        "Views", "Reach", "Likes", "Shares", "Follows", "Comments", "Saves",
    ]  # fmt: skip
    files["header_only_instagram_posts.csv"] = utf8_bom(csv_text([ig_header], quoting="meta"))
    expected["header_only_instagram_posts.csv"] = {
        "status": "rejected", "codes": ["empty_file"],
        "note": "a recognisable Instagram post header and no data row (counts as empty)",
    }  # fmt: skip

    junk = random.Random(f"{truth.seed}:broken:junk")
    files["binary_junk.csv"] = bytes(junk.getrandbits(8) for _ in range(4096))
    expected["binary_junk.csv"] = {
        "status": "rejected",
        "codes": ["unreadable"],
        "note": "4 KiB of random bytes",
    }

    files["png_named_as.csv"] = _png()
    expected["png_named_as.csv"] = {
        "status": "rejected", "codes": ["not_what_extension_says"], "note": "a 1x1 PNG image named .csv",
    }  # fmt: skip

    files["zip_path_traversal.zip"] = zip_bytes(
        [("../../outside/Overview.csv", gen_tiktok.tiktok_csv(overview[:4]))], WHEN, compress=False
    )
    expected["zip_path_traversal.zip"] = {
        "status": "rejected", "codes": ["unsafe_zip_member"], "note": "entry `../../outside/Overview.csv`",
    }  # fmt: skip

    files["zip_bomb.zip"] = zip_bytes([("Overview.csv", b"\0" * (50 * 1024 * 1024))], WHEN)
    expected["zip_bomb.zip"] = {
        "status": "rejected", "codes": ["zip_bomb"],
        "note": "one entry of 50 MiB of zero bytes compressed about 1000:1",
    }  # fmt: skip

    ledger = [["Invoice", "Customer", "Issued", "Amount (GTQ)", "Paid"]]
    ledger += [
        [f"INV-2026-{n:04d}", f"Client {n % 7}", f"2026-10-{n:02d}", f"{1250 + 37 * n}.00", "yes"]
        for n in range(1, 11)
    ]
    files["unknown_format_sales_ledger.csv"] = csv_text(ledger).encode()
    expected["unknown_format_sales_ledger.csv"] = {
        "status": "rejected", "codes": ["unknown_format"], "note": "a sales ledger, not a social media export",
    }  # fmt: skip

    follows = [
        (d, truth.day("facebook", d)["follows"])
        for d in day_range(date(2026, 10, 1), date(2026, 10, 31))
    ]
    files["meta_daily_follows_without_account.csv"] = meta_daily_bytes(
        "Facebook follows", [(d, v) for d, v in follows if v > 0]
    )
    expected["meta_daily_follows_without_account.csv"] = {
        "status": "rejected", "codes": ["account_required"],
        "note": "import into an empty database WITHOUT --account: the file does not name its page",
    }  # fmt: skip

    posts = truth.posts_between("linkedin", date(2026, 10, 15), date(2026, 10, 31))[-4:]
    start, end = date(2026, 10, 27), date(2026, 10, 31)
    metrics = gen_linkedin._metrics_sheet(truth, start, end, "Reposts", timedelta(0))
    all_posts = gen_linkedin._posts_sheet(posts, start, end, date(2026, 11, 1), "Reposts")
    all_posts[3][5] = "31/31/2026"
    files["linkedin_all_posts_unparseable_created_date.xlsx"] = xlsx_bytes(
        [("Metrics", metrics), ("All posts", all_posts)], WHEN
    )
    expected["linkedin_all_posts_unparseable_created_date.xlsx"] = {
        "status": "partial", "codes": ["unparseable_date"], "rows_loaded": 8, "rows_rejected": 1,
        "account": "northwind-policy-institute",
        "note": "5 Metrics days + 4 posts; the second post's Created date is `31/31/2026` "
        "(LinkedIn All posts has no Reach column, so no reach/impressions pair to break)",
    }  # fmt: skip

    header_text = (
        "# Expected import results for the broken sample files (table-driven contract tests).\n"
        "# status: rejected | partial | loaded; codes: shared problem codes; rows_* for partial\n"
        "# and loaded; warnings: the rows loaded with a warning (code, file row number);\n"
        "# account: pass it as --account (the export does not name its account).\n"
    )
    files["expected.yaml"] = (
        header_text + yaml.safe_dump(expected, sort_keys=True, allow_unicode=True)
    ).encode()
    return files


def generate(truth: Truth) -> dict[str, bytes]:
    return {f"broken/{name}": content for name, content in build_broken(truth).items()}
