"""``make edition`` (``python -m puente edition``): start a local edition's profile.

Writes ``data/organization.yml`` from the commented template kept beside the profile model
(``scripts/puente/core/organization-template.yml``), never over an existing profile, and says
what to fill in. It asks nothing: everything it writes is in the template, explained there.
"""

from __future__ import annotations

import shutil
import sys
from pathlib import Path

from puente.core.organization import PATH, TEMPLATE

NEXT_STEPS = """\
Wrote {profile} from the template ({template}).

Fill it in, then run `make build`:
  1. name:  your organization's name in Spanish and English (es:, en:). Required: until it is
            filled in, the build stops and names its line.
  2. phone, whatsapp, address, hours, web, email: remove the # in front of the ones you use.
  3. logo:  put your logo (SVG or PNG) in docs/assets/edition/ and uncomment logo:.
  4. report: where readers report a mistake (your email or your issue tracker).
  5. contacts: local legal aid, the nearest consulate... with the fields of data/contacts.yml.
Every number is printed on every flyer: check each one against its source.

Then publish (README, "Your own edition"): commit {profile} and your logo, set your public
address (the repository variable SITE_URL, or SITE_URL=https://... make build) and push.
The upstream project never has {profile}: pulling its updates never conflicts with yours.
"""


def main(root: Path, out=sys.stdout, err=sys.stderr) -> int:
    profile = root / PATH
    if profile.exists():
        print(f"{PATH} already exists: nothing written. Edit it (its comments say what each field is), "
              "or delete it to start again from the template.", file=err)
        return 1
    profile.parent.mkdir(parents=True, exist_ok=True)
    shutil.copyfile(TEMPLATE, profile)
    print(NEXT_STEPS.format(profile=PATH.as_posix(), template=TEMPLATE.relative_to(root).as_posix()
                            if TEMPLATE.is_relative_to(root) else TEMPLATE), file=out, end="")
    return 0
