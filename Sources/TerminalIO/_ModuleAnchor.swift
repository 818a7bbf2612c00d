// Module anchor: keeps the target non-empty while its code lands on other branches.
