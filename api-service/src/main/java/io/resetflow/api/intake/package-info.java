/** The forgot-password intake: validate, find the user, record a ResetRequest before answering. */
package io.resetflow.api.intake;
