from .admin_deals import *  # noqa
from .admin_audits import *  # noqa
