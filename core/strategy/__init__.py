"""What each group gets: playbooks, key-account types, resource allocation, profitability
(method step 4)."""
