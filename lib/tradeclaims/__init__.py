"""tradeclaims: check the numbers in news articles on China's trade against official data."""

from tradeclaims.errors import InputError
from tradeclaims.query import Dataset, QueryError

__all__ = ["Dataset", "InputError", "QueryError"]
