package org.openets.registry;

/** What an authorised representative (授权代表) may do on an account. */
public enum Role { INITIATOR, APPROVER, READ_ONLY }
