/** Test helpers on real parts: a topic reader with its own consumer group, and an SMTP server that refuses recipients. */
package io.resetflow.notifier.support;
