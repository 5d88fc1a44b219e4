import sys

from righthelp.cli import main

sys.exit(main())
