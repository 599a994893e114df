"""``python -m pylock_trust`` runs the same as the ``pylock-trust`` command."""

import sys

from pylock_trust.launcher import main

sys.exit(main())
