/** The reset page behind every link: verify on GET, redeem and set the password on POST. */
package io.resetflow.api.page;
