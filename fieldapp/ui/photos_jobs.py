"""Writer jobs of the photo UI: the small store operations behind the photo widgets.

Each is a plain function of a Store (no Qt), submitted to the writer so it runs on the
thread that owns the write connection; tests call them on a Store directly.
"""

from __future__ import annotations

from collections.abc import Iterable
from typing import TYPE_CHECKING

if TYPE_CHECKING:
    from fieldapp.store.records import Photo
    from fieldapp.store.store import Store


def set_problem_photos(store: Store, problem_id: str, photo_ids: Iterable[str]) -> None:
    """Make ``photo_ids`` exactly the photos linked to the problem: missing links are
    added, links of photos no longer listed are removed (tombstoned), in one transaction."""
    wanted = list(dict.fromkeys(photo_ids))
    with store.transaction():
        linked: dict[str, list[str]] = {}
        for link in store.photo_links(problem_id=problem_id):
            linked.setdefault(link.photo_id, []).append(link.id)
        for photo_id, link_ids in linked.items():
            if photo_id not in wanted:
                for link_id in link_ids:
                    store.unlink_photo(link_id)
        for photo_id in wanted:
            if photo_id not in linked:
                store.link_photo(photo_id, problem_id=problem_id)


def keep_answer_links(
    store: Store, submission_id: str, question: str, instance: str, photo_ids: Iterable[str]
) -> None:
    """Remove the links of one answer (submission, question, repeat instance) whose photo
    is not among ``photo_ids`` — so the links match the answer's list of photos."""
    keep = set(photo_ids)
    with store.transaction():
        for link in store.photo_links(submission_id=submission_id):
            if (link.question, link.instance) == (question, instance) and link.photo_id not in keep:
                store.unlink_photo(link.id)


def discard_unlinked(store: Store, photo_ids: Iterable[str]) -> list[str]:
    """Delete (tombstone) the photos among ``photo_ids`` that nothing links to — photos
    imported into an editor that was then cancelled. Returns the ids deleted."""
    deleted = []
    with store.transaction():
        for photo_id in dict.fromkeys(photo_ids):
            if not store.photo_links(photo_id=photo_id):
                store.delete_photo(photo_id)
                deleted.append(photo_id)
    return deleted


def set_caption(store: Store, photo_id: str, caption: str) -> Photo:
    """Store a photo's caption (blank clears it)."""
    return store.update_photo(photo_id, caption=caption.strip() or None)
