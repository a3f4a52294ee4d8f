"""Problems found in an import, each tied to the place in the file it comes from.

An import collects every problem before it writes anything, so that an editor
fixes a file in one pass instead of one error per run.
"""

from dataclasses import dataclass, replace


@dataclass(frozen=True)
class Location:
    """Where a value sits: the file, its line, and a path inside the record.

    CSV paths are column names ("credits item 2"); JSON paths are index paths
    ("films[3].credits[1]"), which also say where to look when a line is unknown.
    """

    source: str
    line: int | None = None
    path: str = ""
    tabular: bool = False

    def at(self, key: str) -> "Location":
        return replace(self, path=f"{self.path}.{key}" if self.path else key)

    def item(self, index: int) -> "Location":
        """The ``index``-th (from 0) item of a list: 1-based words in CSV, an index in JSON."""
        if self.tabular:
            return replace(self, path=f"{self.path} item {index + 1}")
        return replace(self, path=f"{self.path}[{index}]")

    def on_line(self, line: int | None) -> "Location":
        return replace(self, line=line) if line else self

    def in_words(self) -> str:
        """E.g. "line 7 of films.csv" or "films[2] (line 40 of programme.json)"."""
        place = f"line {self.line} of {self.source}" if self.line else self.source
        return f"{self.path} ({place})" if self.path else place

    def __str__(self) -> str:
        place = f"{self.source}:{self.line}" if self.line else self.source
        return f"{place}: {self.path}" if self.path else place


@dataclass(frozen=True)
class Problem:
    where: Location
    message: str

    def __str__(self) -> str:
        return f"{self.where}: {self.message}"


class InterchangeError(Exception):
    """The import found problems and wrote nothing."""

    def __init__(self, problems: list[Problem]):
        self.problems = sorted(problems, key=_reading_order)
        super().__init__(self.summary())

    def summary(self) -> str:
        count = len(self.problems)
        heading = f"{count} problem{'s' if count != 1 else ''} found; nothing was imported."
        return "\n".join([heading, *(f"  {problem}" for problem in self.problems)])


class FieldError(ValueError):
    """A value that cannot be read; the message is for the person who wrote the file."""


def _reading_order(problem: Problem) -> tuple:
    # Stable: problems on one line keep the order of the columns they were found in.
    return (problem.where.source, problem.where.line or 0)
