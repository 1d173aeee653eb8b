"""``build_report``: one community's checkup report as a PDF (the CLI and the app call this).

The PDF is written to a temporary file beside ``out`` and renamed into place at the end, so
a cancelled or failed build never leaves half a report behind.
"""

from __future__ import annotations

import contextlib
import datetime as dt
import os
import uuid
from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path
from typing import TYPE_CHECKING

from reportlab.platypus import Flowable

from fieldapp.core.i18n import Text
from fieldapp.reports import cache as report_cache
from fieldapp.reports import plan
from fieldapp.reports.data import ReportData, collect
from fieldapp.reports.document import ReportDocument
from fieldapp.reports.images import PhotoRenderer
from fieldapp.reports.progress import Steps
from fieldapp.reports.sections import closing, context, front, indicators, plans, problems
from fieldapp.reports.sections.common import Ctx
from fieldapp.reports.sections.residents import survey_chapter
from fieldapp.reports.styles import Fonts, make_styles, register_fonts

if TYPE_CHECKING:
    from fieldapp.store.store import Store

__all__ = ["ReportResult", "build_report", "render_story", "write_pdf"]

DEFAULT_ORGANIZATION = "社区体检工作组"


@dataclass(frozen=True, slots=True)
class ReportResult:
    """What a build produced: the file, its page count, report id and data snapshot hash."""

    path: Path
    pages: int
    report_id: str
    digest: str


def build_report(
    store: Store,
    community_id: str,
    out: str | os.PathLike[str],
    *,
    date: dt.date | None = None,
    progress: Callable[[int, int, str], None] | None = None,
    cancel: Callable[[], bool] | None = None,
    organization: str | None = None,
    font: str | None = None,
    reuse: bool = True,
) -> ReportResult:
    """Write the checkup report of ``community_id`` to ``out`` (a PDF).

    ``date`` is the report date (default today); with it fixed, the same data give the same
    bytes. ``progress(done, total, text)`` is called between stages and ``cancel()`` polled
    (ReportCancelled is raised and nothing is written). ``organization`` is the compiling
    unit on the cover; ``font`` a font file to use instead of the one found. With ``reuse``
    a report built before from exactly the same inputs is copied rather than laid out again
    (see fieldapp.reports.cache). Raises FontNotFoundError when no usable Chinese font
    exists, NotFoundError for an unknown community."""
    steps = Steps(progress, cancel, total=16)
    fonts = register_fonts(font)
    # Decoding the community's photos is the slowest single part of a report: start it on
    # other cores now, while the data are read and laid out.
    renderer = PhotoRenderer(store.data_dir, fonts.file)
    try:
        renderer.prefetch(store.photos(community_id=store.community(community_id).id))
        steps.step(Text("读取数据", "reading data"))
        data = collect(store, community_id, date=date, step=steps.step)
        data.plan = plan.view(store, data)
        steps.step(Text("汇总清单", "lists"))
        pages = write_pdf(
            data,
            out,
            fonts=fonts,
            organization=organization,
            steps=steps,
            reuse=reuse,
            renderer=renderer,
        )
    finally:
        renderer.close()
    steps.finish(Text("完成", "done"))
    return ReportResult(Path(out), pages, data.report_id, data.digest)


def write_pdf(
    data: ReportData,
    out: str | os.PathLike[str],
    *,
    fonts: Fonts,
    organization: str | None = None,
    steps: Steps | None = None,
    reuse: bool = True,
    renderer: PhotoRenderer | None = None,
) -> int:
    """Lay out ``data`` (with its plan view) as the report PDF at ``out``; returns pages.
    ``renderer`` may already be rendering the photos (it is closed by its owner)."""
    steps = steps or Steps(None, None, total=10)
    styles = make_styles(fonts)
    org = organization or DEFAULT_ORGANIZATION
    target = Path(out)
    target.parent.mkdir(parents=True, exist_ok=True)
    key = report_cache.cache_key(data, organization=org, font=fonts.file.path)
    if reuse and (pages := report_cache.lookup(data.data_dir, key, target)) is not None:
        return pages
    owned = renderer is None
    renderer = renderer or PhotoRenderer(data.data_dir, fonts.file)
    # Every photo is printed; they render in the background while the story is built and
    # the first layout pass runs (which needs their sizes only).
    renderer.prefetch(e.photo for e in data.photos.values())
    # ReportLab creates the file itself (mode 0666 less the umask, as for any document).
    temp = str(target.with_name(f".{target.name}.{uuid.uuid4().hex}.tmp"))
    try:
        story = render_story(Ctx(data, styles, renderer), organization=org, step=steps.step)
        doc = ReportDocument(
            temp,
            styles=styles,
            title=data.title,
            header=data.title,
            report_id=data.report_id,
            generated=data.generated,
            date=data.date,
            author=org,
            check=steps.check,
        )
        steps.step(Text("排版", "layout"))
        pages = doc.render(story)
        report_cache.store(data.data_dir, key, Path(temp), pages)
        os.replace(temp, target)
    except BaseException:
        with contextlib.suppress(OSError):
            os.unlink(temp)
        raise
    finally:
        if owned:
            renderer.close()
    return pages


def render_story(
    ctx: Ctx, *, organization: str, step: Callable[[Text | None], None] | None = None
) -> list[Flowable]:
    """Every flowable of the report, chapter by chapter."""

    def tick(text: Text | None = None) -> None:
        if step is not None:
            step(text)

    d: ReportData = ctx.data
    story: list[Flowable] = []
    story += front.cover(ctx, organization=organization)
    story += front.contents(ctx)
    story += front.summary(ctx)
    tick(Text("摘要", "summary"))
    story += context.overview(ctx, organization=organization)
    story += context.profile(ctx)
    story += context.indicator_system(ctx)
    tick(Text("概况", "profile"))
    for checklist in d.checklists:
        story += indicators.checklist_chapter(ctx, checklist)
        tick(Text("指标结果", "indicator results"))
    story += survey_chapter(ctx)
    tick(Text("问卷分析", "survey"))
    story += problems.problem_chapter(ctx)
    tick(Text("问题清单", "problem list"))
    story += problems.remediation_chapter(ctx)
    story += plans.needs_chapter(ctx)
    story += plans.projects_chapter(ctx)
    story += plans.conclusions_chapter(ctx)
    tick(Text("清单与结论", "lists and conclusions"))
    story += closing.sign_off(ctx, organization=organization)
    story += closing.annexes(ctx)
    return story
