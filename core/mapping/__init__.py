"""What each column is: the factor catalogue and the detected column roles."""
