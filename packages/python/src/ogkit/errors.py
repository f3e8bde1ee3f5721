"""One error class, as in @ogkit/sdk: a code, the HTTP status it maps to, and one issue per bad field."""

from __future__ import annotations

from typing import List, Optional, TypedDict

from ._schema import ERROR_STATUS


class OgIssue(TypedDict):
    """One problem with one field: ``path`` is the parameter's wire name ("" for the whole request)."""

    path: str
    message: str


class OgError(ValueError):
    """Raised for invalid parameters (code ``INVALID_PARAMS``) and URLs a server would refuse.

    ``issues`` names every bad field with the SDK's messages; ``str(error)`` lists them all.
    """

    def __init__(self, code: str, message: str, issues: Optional[List[OgIssue]] = None) -> None:
        if code not in ERROR_STATUS:
            raise ValueError(f"unknown OgError code {code!r}")
        super().__init__(message)
        self.code = code
        self.status = ERROR_STATUS[code]
        self.message = message
        self.issues: List[OgIssue] = list(issues or [])

    def __str__(self) -> str:
        if len(self.issues) < 2:
            return self.message
        return f"{self.message}: " + "; ".join(issue["message"] for issue in self.issues)

    def __repr__(self) -> str:
        return f"OgError({self.code!r}, {self.message!r}, issues={self.issues!r})"

    def to_json(self) -> dict:
        """The JSON body every ogkit server answers with for this error."""
        return {"error": {"code": self.code, "message": self.message, "issues": list(self.issues)}}


def invalid_params(issues: List[OgIssue]) -> OgError:
    """An INVALID_PARAMS error whose message is its one issue, or the list of bad fields."""
    fields = list(dict.fromkeys(issue["path"] or "request" for issue in issues))
    summary = issues[0]["message"] if len(issues) == 1 else f"Invalid {', '.join(fields)}"
    return OgError("INVALID_PARAMS", summary, issues)
