from .admin_deals import *  # noqa
from .admin_audits import *  # noqa
from .admin_targets import *  # noqa
from .admin_plans import *  # noqa
