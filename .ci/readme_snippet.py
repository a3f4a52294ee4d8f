"""Print a fenced code block of README.md marked ``<!-- foreign-host: NAME -->``.

The foreign-host CI job appends these blocks to a fresh ``wagtail start``
project, so the README's installation steps are exactly what CI proves.
"""

import re
import sys
import textwrap
from pathlib import Path

readme, name = Path(sys.argv[1]).read_text(), sys.argv[2]
match = re.search(rf"<!-- foreign-host: {name} -->\s*```\w*\n(.*?)```", readme, re.S)
if not match:
    sys.exit(f"README.md has no block marked <!-- foreign-host: {name} -->")
print("\n# Added from the README of wagtail-film-programme")
# Blocks inside a numbered list are indented to the list item.
print(textwrap.dedent(match.group(1)))
