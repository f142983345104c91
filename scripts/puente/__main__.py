"""``python -m puente`` is the ``puente`` command (``puente.cli``)."""

import sys

from puente.cli import main

sys.exit(main())
