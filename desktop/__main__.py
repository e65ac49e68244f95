"""``python -m desktop`` starts the FieldCRM desktop app."""

import sys

from desktop.app import main

sys.exit(main())
