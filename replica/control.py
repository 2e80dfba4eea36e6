"""The HTTP control API, for a replica running in another process (JSON in, JSON out).

POST /_replica/publish   {"count"?, "company"?, "reissue_of"?, "title"?, "body"?} -> {"ids": [...]}
POST /_replica/fault     {"mode": str|null, "path_prefix"?, "count"?, "delay"?} -> {"faults": [...]}
GET  /_replica/requests  -> {"requests": [{"method", "path", "status"}, ...]}
POST /_replica/reset     {} -> {"ok": true}   (no faults, empty log, generated releases only)

Control requests are not written to the request log and never appear in listings.
"""

from __future__ import annotations

import json
from typing import TYPE_CHECKING, Any

from replica.site import Response

if TYPE_CHECKING:
    from replica.server import Replica

_JSON = "application/json"


def _reply(status: int, payload: dict[str, Any]) -> Response:
    return Response(status, [json.dumps(payload).encode()], _JSON)


def _optional_str(data: dict[str, Any], key: str) -> str | None:
    value = data.get(key)
    if value is None:
        return None
    if not isinstance(value, str | int) or isinstance(value, bool):
        raise TypeError(f"{key} must be a string")
    return str(value)


def _faults(replica: Replica) -> list[dict[str, Any]]:
    return [
        {"mode": f.mode, "path_prefix": f.prefix, "remaining": f.remaining, "delay": f.delay}
        for f in replica.faults.active()
    ]


def handle(replica: Replica, method: str, path: str, data: dict[str, Any]) -> Response:
    if data.get("__invalid__"):
        return _reply(400, {"error": "the body must be a JSON object"})
    route = path.removeprefix("/_replica/").strip("/")
    try:
        if route == "publish" and method == "POST":
            count = data.get("count", 1)
            if not isinstance(count, int) or isinstance(count, bool):
                raise TypeError("count must be an integer")
            ids = replica.publish(
                count,
                _optional_str(data, "company") or "xellsmart",
                reissue_of=_optional_str(data, "reissue_of"),
                title=_optional_str(data, "title"),
                body=_optional_str(data, "body"),
            )
            return _reply(200, {"ids": ids, "urls": [replica.release_url(i) for i in ids]})
        if route == "fault" and method == "POST":
            count = data.get("count")
            delay = data.get("delay", 2.0)
            if count is not None and (not isinstance(count, int) or isinstance(count, bool)):
                raise TypeError("count must be an integer or null")
            if not isinstance(delay, int | float) or isinstance(delay, bool):
                raise TypeError("delay must be a number")
            replica.set_fault(
                _optional_str(data, "mode"),
                _optional_str(data, "path_prefix") or "/",
                count=count,
                delay=float(delay),
            )
            return _reply(200, {"faults": _faults(replica)})
        if route == "requests" and method in ("GET", "HEAD"):
            records = [
                {"method": r.method, "path": r.path, "status": r.status} for r in replica.requests
            ]
            return _reply(200, {"requests": records})
        if route == "reset" and method == "POST":
            replica.reset()
            return _reply(200, {"ok": True})
    except (ValueError, TypeError) as exc:
        return _reply(400, {"error": str(exc)})
    return _reply(404, {"error": f"no control endpoint {method} {path}"})
