"""Information packages of decided cases, for an e-archive.

FGS Paketstruktur 2.0 (E-ARK CSIP 2.1 with E-ARK SIP 2.1): the pure
package (model, describe, premis, mets, package) made from plain data, and
`collect`, which gathers a decided case's sealed papers, their PDF/A and
the case file. It calls the build and the PDF publisher; nothing below it
knows of archives.
"""
