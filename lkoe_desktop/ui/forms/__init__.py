"""The forms' contract: fields declared as data, load, validate, save, and merging saves."""
