"""Owns private mode (`access: code`): the access code, the keys it gives, and sealing a rendered site.

A private site is rendered exactly like a public one; this wing then encrypts every personal
file and puts a locked page, which theme/static/unlock.js opens in the browser, in each page's place.
"""
