"""What raport writes for people: the output set written atomically, the manifest, the BIP
metryczka, annotated and blank workbooks.
"""
