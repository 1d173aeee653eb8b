"""Accounts: users with a role (and a street for street-bound roles), one-time enrolment
codes, and device tokens — stored only as SHA-256 hashes, revocable.

A token is 256 random bits, so a plain SHA-256 is enough to make a stolen database useless
for signing in (a slow password hash protects guessable secrets, which these are not). An
enrolment code is 60 random bits shown to a person; it is hashed too, expires, and works
once.
"""

from __future__ import annotations

import datetime as dt
import hashlib
import secrets
from dataclasses import dataclass

from sqlalchemy import Connection, select, update

from fieldapp.core.i18n import Text
from fieldapp.core.ids import new_uuid7
from fieldapp.server.db import ServerDatabase
from fieldapp.server.errors import ApiError, unauthorized
from fieldapp.server.schema import devices, enrolments, users
from fieldapp.sync.protocol import ROLES, STREET_ROLES

__all__ = [
    "AccountError",
    "Principal",
    "add_user",
    "authenticate",
    "create_enrolment",
    "enrol_device",
    "list_users",
    "revoke",
]

# Unambiguous when read aloud or typed from paper: no 0/O, 1/I/L.
_CODE_ALPHABET = "23456789ABCDEFGHJKMNPQRSTUVWXYZ"
_CODE_LENGTH = 12


class AccountError(ApiError):
    """An account operation refused (unknown user, bad role…)."""

    def __init__(self, zh: str, en: str) -> None:
        super().__init__(422, "account", Text(zh, en))


@dataclass(frozen=True, slots=True)
class Principal:
    """Who is calling: the user and the enrolled device their token belongs to."""

    user_id: str
    username: str
    role: str
    street: str | None
    device_ref: str
    device_id: str

    @property
    def is_global(self) -> bool:
        """Admins and coordinators see every community."""
        return self.role not in STREET_ROLES


def now_iso(moment: dt.datetime | None = None) -> str:
    """UTC time as sortable ISO 8601 text (the server stores times as text)."""
    return (moment or dt.datetime.now(dt.UTC)).strftime("%Y-%m-%dT%H:%M:%S.%fZ")


def _hash(secret: str) -> str:
    return hashlib.sha256(secret.encode()).hexdigest()


def normalize_role(role: str) -> str:
    """Accept ``street-office`` for ``street_office``; AccountError for an unknown role."""
    value = role.strip().lower().replace("-", "_")
    if value not in ROLES:
        raise AccountError(
            f"未知的角色 {role[:40]}（可用：{', '.join(ROLES)}）。",
            f"Unknown role {role[:40]} (one of: {', '.join(ROLES)}).",
        )
    return value


def add_user(db: ServerDatabase, *, username: str, role: str, street: str | None) -> str:
    """Create a user; returns the user's id. Surveyors and street-office users need a
    street; usernames are unique."""
    username = username.strip()
    if not username or len(username) > 64 or any(ord(c) < 32 for c in username):
        raise AccountError(
            "用户名应为 1–64 个可见字符。", "The username must be 1–64 printable characters."
        )
    role = normalize_role(role)
    street = (street or "").strip() or None
    if role in STREET_ROLES and street is None:
        raise AccountError(
            f"角色 {role} 必须属于一个街道（--street）。",
            f"Role {role} belongs to a street: give --street.",
        )

    def work(conn: Connection) -> str:
        if conn.execute(select(users.c.id).where(users.c.username == username)).first():
            raise AccountError(f"用户 {username} 已存在。", f"User {username} already exists.")
        user_id = new_uuid7()
        conn.execute(
            users.insert().values(
                id=user_id, username=username, role=role, street=street, created_at=now_iso()
            )
        )
        return user_id

    return db.write(work, attempts=1)


def _user(conn: Connection, username: str) -> dict[str, object]:
    row = conn.execute(select(users).where(users.c.username == username)).mappings().first()
    if row is None:
        raise AccountError(f"没有用户 {username[:64]}。", f"No user {username[:64]}.")
    return dict(row)


def create_enrolment(
    db: ServerDatabase, *, username: str, valid_for: dt.timedelta = dt.timedelta(hours=24)
) -> tuple[str, str]:
    """A one-time enrolment code for ``username``: (code, expires_at ISO)."""
    raw = "".join(secrets.choice(_CODE_ALPHABET) for _ in range(_CODE_LENGTH))
    code = "-".join(raw[i : i + 4] for i in range(0, _CODE_LENGTH, 4))
    now = dt.datetime.now(dt.UTC)
    expires = now_iso(now + valid_for)

    def work(conn: Connection) -> None:
        user = _user(conn, username)
        conn.execute(
            enrolments.insert().values(
                code_hash=_hash(raw),
                user_id=user["id"],
                created_at=now_iso(now),
                expires_at=expires,
            )
        )

    db.write(work, attempts=1)
    return code, expires


def _normalize_code(code: str) -> str:
    return "".join(c for c in code.upper() if c.isalnum())


def enrol_device(
    db: ServerDatabase, *, code: str, device_id: str, name: str
) -> tuple[str, Principal]:
    """Exchange a valid, unused, unexpired code for a new device token (shown once)."""
    token = secrets.token_urlsafe(32)
    now = now_iso()

    def work(conn: Connection) -> Principal:
        # One UPDATE both checks and spends the code, so two devices racing with the same
        # code cannot both succeed, whichever server process each one reaches.
        device_ref = new_uuid7()
        spent = conn.execute(
            update(enrolments)
            .where(
                enrolments.c.code_hash == _hash(_normalize_code(code)),
                enrolments.c.used_at.is_(None),
                enrolments.c.expires_at > now,
            )
            .values(used_at=now, device_ref=device_ref)
            .returning(enrolments.c.user_id)
        ).first()
        if spent is None:
            again = _retry_of_enrolment(conn, code, device_id, token)
            if again is not None:
                return again
            raise unauthorized(
                "登记码无效、已过期或已使用。请向管理员索取新的登记码。",
                "The enrolment code is invalid, expired or already used. Ask the "
                "administrator for a new one.",
            )
        user = conn.execute(select(users).where(users.c.id == spent[0])).mappings().one()
        conn.execute(
            devices.insert().values(
                id=device_ref,
                user_id=user["id"],
                device_id=device_id,
                name=name,
                token_hash=_hash(token),
                created_at=now,
            )
        )
        return Principal(
            str(user["id"]), str(user["username"]), str(user["role"]), user["street"],
            device_ref, device_id,
        )  # fmt: skip

    return token, db.write(work)


_RETRY_WINDOW = dt.timedelta(minutes=10)


def _retry_of_enrolment(
    conn: Connection, code: str, device_id: str, token: str
) -> Principal | None:
    """The same device sending the same code again shortly after it was spent: the answer
    carrying its token was lost (a cut connection), so the device gets a fresh token and
    the lost one stops working. Anyone else gets nothing for a spent code."""
    since = now_iso(dt.datetime.now(dt.UTC) - _RETRY_WINDOW)
    row = (
        conn.execute(
            select(devices.c.id, devices.c.user_id)
            .join(enrolments, enrolments.c.device_ref == devices.c.id)
            .where(
                enrolments.c.code_hash == _hash(_normalize_code(code)),
                enrolments.c.used_at > since,
                devices.c.device_id == device_id,
                devices.c.revoked_at.is_(None),
            )
        )
        .mappings()
        .first()
    )
    if row is None:
        return None
    conn.execute(update(devices).where(devices.c.id == row["id"]).values(token_hash=_hash(token)))
    user = conn.execute(select(users).where(users.c.id == row["user_id"])).mappings().one()
    return Principal(
        str(user["id"]), str(user["username"]), str(user["role"]), user["street"],
        str(row["id"]), device_id,
    )  # fmt: skip


def revoke(db: ServerDatabase, *, username: str) -> int:
    """Revoke every device token and unused enrolment code of ``username``; returns the
    number of device tokens revoked."""
    now = now_iso()

    def work(conn: Connection) -> int:
        user = _user(conn, username)
        conn.execute(
            update(enrolments)
            .where(enrolments.c.user_id == user["id"], enrolments.c.used_at.is_(None))
            .values(used_at=now)
        )
        result = conn.execute(
            update(devices)
            .where(devices.c.user_id == user["id"], devices.c.revoked_at.is_(None))
            .values(revoked_at=now)
        )
        return int(result.rowcount or 0)

    return db.write(work, attempts=1)


def authenticate(db: ServerDatabase, token: str | None) -> Principal:
    """The principal of a bearer token; 401 with a clear reason otherwise."""
    if not token:
        raise unauthorized(
            "缺少访问令牌。请先用登记码登记本设备。",
            "No access token. Enrol this device with an enrolment code first.",
        )
    with db.read() as conn:
        row = (
            conn.execute(
                select(devices, users.c.username, users.c.role, users.c.street)
                .join(users, users.c.id == devices.c.user_id)
                .where(devices.c.token_hash == _hash(token))
            )
            .mappings()
            .first()
        )
    if row is None:
        raise unauthorized(
            "访问令牌无效。请用新的登记码重新登记本设备。",
            "The access token is not valid. Enrol this device again with a new code.",
        )
    if row["revoked_at"] is not None:
        raise unauthorized(
            "本设备的访问令牌已被管理员撤销。请联系管理员。",
            "This device's access token was revoked by the administrator. Contact them.",
        )
    return Principal(
        str(row["user_id"]), str(row["username"]), str(row["role"]), row["street"],
        str(row["id"]), str(row["device_id"]),
    )  # fmt: skip


def list_users(db: ServerDatabase) -> list[dict[str, object]]:
    """Users with their role, street and number of active devices."""
    with db.read() as conn:
        rows = conn.execute(select(users).order_by(users.c.username)).mappings().all()
        active = conn.execute(select(devices.c.user_id).where(devices.c.revoked_at.is_(None))).all()
    counts: dict[str, int] = {}
    for (user_id,) in active:
        counts[user_id] = counts.get(user_id, 0) + 1
    return [
        {"username": r["username"], "role": r["role"], "street": r["street"],
         "devices": counts.get(r["id"], 0), "created_at": r["created_at"]}
        for r in rows
    ]  # fmt: skip
