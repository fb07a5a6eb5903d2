"""Load and check a project file, every problem as FILE:LINE:COL (the instrument checker's node reader)."""

from __future__ import annotations

from dataclasses import replace
from pathlib import Path

from yaml.nodes import MappingNode, Node, ScalarNode, SequenceNode

from vcf_tui.cycles import FRAMEWORKS
from vcf_tui.instrument.cycle_tags import CycleReader
from vcf_tui.instrument.nodes import Problem, ProblemsError, compose, read_bytes
from vcf_tui.project.model import EVIDENCE, SCOPES, Indicator, Project, Wave, is_iso_date

FORMAT = "vcf-project/1"
DEFAULT_NAME = "vcf-project.yaml"
TOP_KEYS = {"format", "id", "title", "framework", "description", "waves", "aspirations", "indicators"}
TOP_REQUIRED = ("format", "id", "framework")
WAVE_KEYS = {"id", "label", "date"}
INDICATOR_KEYS = {"id", "cycle", "text", "evidence", "source", "unit", "scope"}


class ProjectError(ProblemsError):
    """A project file has problems; ``problems`` lists them all."""


def load_project(path: str | Path) -> Project:
    """Load a project file, raising ProjectError listing every problem."""
    return parse_project(read_bytes(path, ProjectError), str(path))


def find_project(path: str | Path | None) -> Project | None:
    """The project given with ``--project``, else ``./vcf-project.yaml`` if there is one, else None."""
    if path is not None:
        return load_project(path)
    return load_project(DEFAULT_NAME) if Path(DEFAULT_NAME).is_file() else None


def parse_project(data: bytes, filename: str = "<project>") -> Project:
    root = compose(data, filename, ProjectError)
    reader = _ProjectReader()
    project = reader.project(root)
    if reader.problems or project is None:
        raise ProjectError(filename, reader.problems)
    return replace(project, path=filename)


class _ProjectReader(CycleReader):
    """Walks a project's YAML nodes, building the model and collecting problems."""

    def project(self, root: Node | None) -> Project | None:
        if root is None:
            self.problems.append(Problem(1, 1, "the file is empty"))
            return None
        entries = self.mapping(root, TOP_KEYS, "the project")
        if entries is None:
            return None
        self.require(entries, root, TOP_REQUIRED, "the project")
        fmt = self.text(entries, "format")
        if fmt is not None and fmt != FORMAT:
            self.problem(entries["format"][1], f"format must be '{FORMAT}', not '{fmt}'")
        project_id = self.identifier(entries, "the project")
        framework = self.choice_in(entries, "framework", tuple(FRAMEWORKS))
        self.framework = framework or ""
        self.framework_cycles = FRAMEWORKS.get(framework or "", ())
        waves = self.waves(entries)
        aspirations = self.aspirations(entries) if framework else {}
        indicators = self.indicators(entries) if framework else ()
        if project_id is None or framework is None:
            return None
        return Project(
            id=project_id,
            title=self.text(entries, "title") or project_id,
            framework=framework,
            waves=waves,
            aspirations=aspirations,
            indicators=indicators,
        )

    def items(self, entries: dict, key: str) -> list[Node]:
        if key not in entries:
            return []
        node = entries[key][1]
        if not isinstance(node, SequenceNode):
            self.problem(node, f"'{key}' must be a list")
            return []
        return node.value

    def waves(self, entries: dict) -> tuple[Wave, ...]:
        found: dict[str, Wave] = {}
        for item in self.items(entries, "waves"):
            wave = self.mapping(item, WAVE_KEYS, "a wave")
            if wave is None or not self.require(wave, item, ("id",), "a wave"):
                continue
            wave_id = self.identifier(wave, "a wave")
            date = self.text(wave, "date")
            if date is not None and not is_iso_date(date):
                self.problem(wave["date"][1], f"date '{date}' is not an ISO date (YYYY-MM-DD)")
            if wave_id is None:
                continue
            if wave_id in found:
                self.problem(wave["id"][1], f"duplicate wave id '{wave_id}'")
                continue
            found[wave_id] = Wave(wave_id, self.text(wave, "label") or wave_id, date)
        return tuple(found.values())

    def aspirations(self, entries: dict) -> dict[str, str]:
        if "aspirations" not in entries:
            return {}
        node = entries["aspirations"][1]
        if not isinstance(node, MappingNode):
            self.problem(node, "'aspirations' must map cycles to text")
            return {}
        found = {}
        for key_node, value_node in node.value:
            cycle = self.cycle(key_node)
            if cycle is None:
                continue
            if not isinstance(value_node, ScalarNode):
                self.problem(value_node, f"the aspiration for {cycle} must be text")
                continue
            found[cycle] = value_node.value
        return found

    def indicators(self, entries: dict) -> tuple[Indicator, ...]:
        found: dict[str, Indicator] = {}
        for item in self.items(entries, "indicators"):
            indicator = self.mapping(item, INDICATOR_KEYS, "an indicator")
            if indicator is None or not self.require(indicator, item, ("id", "cycle"), "an indicator"):
                continue
            indicator_id = self.identifier(indicator, "an indicator")
            cycle = self.cycle(indicator["cycle"][1])
            evidence = self.choice_in(indicator, "evidence", EVIDENCE)
            scope = self.choice_in(indicator, "scope", SCOPES)
            if indicator_id is None or cycle is None:
                continue
            if indicator_id in found:
                self.problem(indicator["id"][1], f"duplicate indicator id '{indicator_id}'")
                continue
            found[indicator_id] = Indicator(
                indicator_id,
                cycle,
                self.text(indicator, "text"),
                evidence,
                self.text(indicator, "source"),
                self.text(indicator, "unit"),
                scope,
            )
        return tuple(found.values())
