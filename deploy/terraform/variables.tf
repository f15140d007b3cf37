variable "region" {
  description = "AWS region."
  type        = string
  default     = "us-west-2"
}

variable "cluster_name" {
  description = "EKS cluster name (also prefixes every resource)."
  type        = string
  default     = "sgplab"
}

variable "kubernetes_version" {
  description = "EKS Kubernetes version."
  type        = string
  default     = "1.31"
}

variable "vpc_cidr" {
  description = "The VPC's CIDR."
  type        = string
  default     = "10.42.0.0/16"
}

variable "pod_subnet_cidrs" {
  description = "Deliberately small subnets (one per AZ) shared by the nodes and the pods' branch ENIs, so that IPs are reused quickly, as in the report."
  type        = list(string)
  default     = ["10.42.0.0/26", "10.42.0.64/26"]
}

variable "node_instance_type" {
  description = "Must be trunk-capable (security groups for pods); m5.xlarge has 18 branch ENIs."
  type        = string
  default     = "m5.xlarge"
}

variable "node_count" {
  description = "Worker nodes."
  type        = number
  default     = 3
}
