"""Sub-commands of the ``gesform`` command line that live in their own module."""
