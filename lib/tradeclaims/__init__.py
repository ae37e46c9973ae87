"""tradeclaims: check the numbers in news articles on China's trade against official data.

Modules load only what they need (the report runner never imports pandas), so import from the
module itself: `from tradeclaims.data.query import Dataset`."""
