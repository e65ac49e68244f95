"""``python -m server``: the same as the ``fieldcrm-server`` command."""

import sys

from server.cli import main

sys.exit(main())
