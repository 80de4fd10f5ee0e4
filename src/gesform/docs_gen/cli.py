"""The command line page ``docs/cli.md``: every command's French help, exit codes, output."""

from __future__ import annotations

import copy
from typing import Any

from ._text import NOTICE

__all__ = ["cli_markdown"]


def _commands() -> dict[str, Any]:
    from ..cli import cli
    from ..commands.schema import schema
    from ..commands.serve import serve

    return {"schema": schema, "serve": serve, **cli.commands}


def cli_markdown(width: int = 100) -> str:
    """Every command's French ``--help``, the exit codes and the output rules."""

    from ..cli import cli

    group = copy.copy(cli)
    group.commands = _commands()
    root = group.context_class(  # the French help formatter of gesform's commands
        group,
        info_name="gesform",
        terminal_width=width,
        max_content_width=width,
        **group.context_settings,
    )
    out = [NOTICE.format(src="l'aide (`--help`) de chaque commande") + "# Ligne de commande", ""]
    out += [
        "La commande `gesform` est installée avec le paquet. Chaque commande a une aide en "
        "français avec des exemples : `gesform COMMANDE --help` (ou `-h`).",
        "",
        "## Codes de sortie",
        "",
        "| Code | Signification |",
        "| ---: | --- |",
        "| 0 | Succès. |",
        "| 1 | Erreur interne (un bogue ou des données du paquet invalides) : message sur la "
        "sortie d'erreur. |",
        "| 2 | Entrée invalide : fichier introuvable ou illisible, profil invalide (le message "
        "nomme le champ), identifiant de forme inconnu (le message liste les identifiants "
        "valides), option invalide. |",
        "| 3 | `gesform validate` seulement : un cas réel n'a pas la forme choisie dans les "
        "trois premières. |",
        "",
        "## Sortie",
        "",
        "Les erreurs vont sur la sortie d'erreur, jamais sur la sortie standard. Quand la "
        "sortie standard n'est pas un terminal (redirection, tube), elle est du texte simple : "
        "pas de couleurs, sur la largeur donnée par la variable `COLUMNS` (200 colonnes si elle "
        "n'est pas définie). `gesform recommend` affiche par défaut une ligne par forme et sa "
        "raison principale (80 colonnes suffisent), puis la fiabilité mesurée et, quand il y en "
        "a, les questions qui peuvent changer la forme en tête (avec la commande `gesform ask` "
        "qui les pose une à une) ; `--full` donne le tableau détaillé. "
        "`--format json` donne un JSON stable (mêmes octets pour le même profil), décrit par "
        "les schémas JSON (`gesform schema`) ; `--format md` du Markdown.",
        "",
        "## gesform",
        "",
        "```text",
        group.get_help(root),
        "```",
    ]
    for name in sorted(group.commands):
        cmd = group.commands[name]
        ctx = cmd.context_class(cmd, info_name=name, parent=root, **cmd.context_settings)
        out += ["", f"## gesform {name}", "", "```text", cmd.get_help(ctx), "```"]
    return "\n".join(out) + "\n"
