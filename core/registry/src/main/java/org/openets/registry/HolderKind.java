package org.openets.registry;

/**
 * Who holds a holder's account: an {@link #ORGANISATION} (a covered entity, a company, an exchange), identified by its
 * jurisdiction's entity code scheme, or a natural {@link #PERSON}, identified by its person id scheme. A person's name
 * and number are personal information: the public list of accounts publishes neither.
 */
public enum HolderKind { ORGANISATION, PERSON }
