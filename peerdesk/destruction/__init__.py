"""The end of an engagement: retention, inventory, destruction with its journal and
verification, the certificate and the confirmation email. Stands on the earlier stages."""
