"""Projects, communities, estates and buildings: the places a checkup covers."""

from __future__ import annotations

from typing import Any

from fieldapp.core.errors import NotFoundError
from fieldapp.core.i18n import Text
from fieldapp.store.base import StoreBase
from fieldapp.store.fields import check_fields
from fieldapp.store.records import Building, Community, Estate, Project, record_from_row

__all__ = ["CommunityRepository"]


class CommunityRepository(StoreBase):
    """Operations on projects, communities, estates and buildings."""

    # -- projects -------------------------------------------------------------------------

    def create_project(
        self, name: str, *, year: int | None = None, description: str | None = None
    ) -> Project:
        """Create a checkup campaign."""
        values = check_fields("projects", {"name": name, "year": year, "description": description})
        with self._write() as stamp:
            project_id = self._insert(stamp, "projects", values)
        return self.project(project_id)

    def project(self, project_id: str) -> Project:
        """The live project ``project_id``; NotFoundError otherwise."""
        return record_from_row(Project, self._require("projects", project_id))

    def projects(self, *, include_deleted: bool = False) -> list[Project]:
        """All projects, oldest first."""
        rows = self._rows(
            "SELECT * FROM projects WHERE deleted <= ? ORDER BY created_at, id",
            (int(include_deleted),),
        )
        return [record_from_row(Project, row) for row in rows]

    # -- communities ----------------------------------------------------------------------

    def create_community(self, project_id: str, name: str, **fields: Any) -> Community:
        """Create a community in ``project_id``; ``fields`` are any other community columns
        (street, district, address, households, population, area_ha, …)."""
        values = check_fields("communities", {"name": name, **fields})
        with self._write() as stamp:
            self._require("projects", project_id)
            community_id = self._insert(stamp, "communities", {"project_id": project_id, **values})
        return self.community(community_id)

    def update_community(self, community_id: str, **fields: Any) -> Community:
        """Change some fields of a community; unknown field names are refused."""
        values = check_fields("communities", fields)
        with self._write() as stamp:
            current = self._require("communities", community_id)
            self._update(stamp, "communities", current, values)
        return self.community(community_id)

    def delete_community(self, community_id: str) -> Community:
        """Mark a community deleted (a tombstone that sync carries; nothing is erased)."""
        with self._write() as stamp:
            current = self._require("communities", community_id)
            self._update(stamp, "communities", current, {"deleted": 1})
        return self.community(community_id, include_deleted=True)

    def community(self, community_id: str, *, include_deleted: bool = False) -> Community:
        """The community ``community_id``; NotFoundError if missing (or deleted)."""
        row = self._require("communities", community_id, live=not include_deleted)
        return record_from_row(Community, row)

    def communities(
        self, *, project_id: str | None = None, include_deleted: bool = False
    ) -> list[Community]:
        """Communities (of one project, if given), by name."""
        rows = self._rows(
            "SELECT * FROM communities WHERE deleted <= ?1 AND (?2 IS NULL OR project_id = ?2) "
            "ORDER BY name, id",
            (int(include_deleted), project_id),
        )
        return [record_from_row(Community, row) for row in rows]

    def find_community(self, id_or_exact_name: str) -> Community:
        """The live community whose id, or else exact name, is ``id_or_exact_name``.

        NotFoundError when there is none, and when several communities share the name (the
        message lists their ids so the user can pick one).
        """
        query = id_or_exact_name.strip()
        rows = self._rows(
            "SELECT * FROM communities WHERE deleted = 0 AND id = ?", (query,)
        ) or self._rows(
            "SELECT * FROM communities WHERE deleted = 0 AND name = ? ORDER BY id", (query,)
        )
        shown = query[:80]
        if not rows:
            raise NotFoundError(
                Text(
                    f"找不到社区「{shown}」。请使用社区 id 或完整的社区名称。",
                    f"No community with id or exact name “{shown}”. Use the community's id "
                    "or its full name.",
                )
            )
        if len(rows) > 1:
            choices = "; ".join(f"{row['id']} ({row['street'] or '-'})" for row in rows)
            raise NotFoundError(
                Text(
                    f"有 {len(rows)} 个社区名为「{shown}」，请改用社区 id：{choices}",
                    f"{len(rows)} communities are named “{shown}”; use the community id "
                    f"instead: {choices}",
                )
            )
        return record_from_row(Community, rows[0])

    # -- estates --------------------------------------------------------------------------

    def add_estate(self, community_id: str, name: str, **fields: Any) -> Estate:
        """Add an estate (小区) to a community; ``fields`` are other estate columns."""
        values = check_fields("estates", {"name": name, **fields})
        with self._write() as stamp:
            self._require("communities", community_id)
            estate_id = self._insert(stamp, "estates", {"community_id": community_id, **values})
        return self.estate(estate_id)

    def update_estate(self, estate_id: str, **fields: Any) -> Estate:
        """Change some fields of an estate; unknown field names are refused."""
        values = check_fields("estates", fields)
        with self._write() as stamp:
            self._update(stamp, "estates", self._require("estates", estate_id), values)
        return self.estate(estate_id)

    def delete_estate(self, estate_id: str) -> Estate:
        """Mark an estate deleted (tombstone)."""
        with self._write() as stamp:
            self._update(stamp, "estates", self._require("estates", estate_id), {"deleted": 1})
        return self.estate(estate_id, include_deleted=True)

    def estate(self, estate_id: str, *, include_deleted: bool = False) -> Estate:
        """The estate ``estate_id``; NotFoundError if missing (or deleted)."""
        return record_from_row(
            Estate, self._require("estates", estate_id, live=not include_deleted)
        )

    def estates(self, community_id: str, *, include_deleted: bool = False) -> list[Estate]:
        """The estates of a community, by name."""
        rows = self._rows(
            "SELECT * FROM estates WHERE community_id = ? AND deleted <= ? ORDER BY name, id",
            (community_id, int(include_deleted)),
        )
        return [record_from_row(Estate, row) for row in rows]

    # -- buildings ------------------------------------------------------------------------

    def add_building(self, estate_id: str, name: str, **fields: Any) -> Building:
        """Add a building (楼栋, ``name`` is its name or number) to an estate."""
        values = check_fields("buildings", {"name": name, **fields})
        with self._write() as stamp:
            self._require("estates", estate_id)
            building_id = self._insert(stamp, "buildings", {"estate_id": estate_id, **values})
        return self.building(building_id)

    def update_building(self, building_id: str, **fields: Any) -> Building:
        """Change some fields of a building; unknown field names are refused."""
        values = check_fields("buildings", fields)
        with self._write() as stamp:
            self._update(stamp, "buildings", self._require("buildings", building_id), values)
        return self.building(building_id)

    def delete_building(self, building_id: str) -> Building:
        """Mark a building deleted (tombstone)."""
        with self._write() as stamp:
            current = self._require("buildings", building_id)
            self._update(stamp, "buildings", current, {"deleted": 1})
        return self.building(building_id, include_deleted=True)

    def building(self, building_id: str, *, include_deleted: bool = False) -> Building:
        """The building ``building_id``; NotFoundError if missing (or deleted)."""
        row = self._require("buildings", building_id, live=not include_deleted)
        return record_from_row(Building, row)

    def buildings(self, estate_id: str, *, include_deleted: bool = False) -> list[Building]:
        """The buildings of an estate, by name."""
        rows = self._rows(
            "SELECT * FROM buildings WHERE estate_id = ? AND deleted <= ? ORDER BY name, id",
            (estate_id, int(include_deleted)),
        )
        return [record_from_row(Building, row) for row in rows]
